using System.Text.RegularExpressions;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Core.EvidencePacks;

/// <summary>
/// Reads what a pack says for a period: the cover, the summary, a chapter per EHRC step and the annexes. Everything
/// comes from dated records (the same evidence the position is scored from) read in one snapshot, so two packs for
/// the same closed period say the same thing. Case content is never read: only dates, stages and categories.
/// </summary>
public sealed class PackBuilder(ComplianceDbContext db, StepEvidence evidence, PackReads reads, IEnumerable<IPackChapter> chapters, LegalTimeline legal,
    AuditAnchor? anchor = null, IOptions<CheckpointTimeStampOptions>? stampOptions = null)
{
    /// <summary>Called as each part is begun: what it is, and how far through the pack that is (0 to 100).</summary>
    public delegate Task Progress(string chapter, int percent);

    public async Task<PackContent> BuildAsync(EvidencePack request, DateTime nowUtc, Progress progress, CancellationToken ct)
    {
        await using var snapshot = await db.Dialect.BeginSnapshotAsync(db, ct);
        // Nothing changes inside the snapshot: each course's history is read once for every day the pack looks at.
        evidence.ReadTrainingHistoryOnce(request.PeriodTo);
        try
        {
            return await ReadAsync(request, nowUtc, progress, ct);
        }
        finally
        {
            evidence.ReadTrainingHistoryOnce(null);
        }
    }

    private async Task<PackContent> ReadAsync(EvidencePack request, DateTime nowUtc, Progress progress, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "Organisation";
        var pack = new PackContent { PackId = request.Id, Organisation = organisation, From = request.PeriodFrom, To = request.PeriodTo, Named = request.Named, GeneratedAtUtc = nowUtc };
        await progress("Cover and legal standard", 2);
        await StandardsAsync(pack, ct);

        // One chapter per step, each from its own feature, in the guidance's order.
        var steps = chapters.OrderBy(c => c.Step).ToList();
        if (!steps.Select(c => c.Step).SequenceEqual(Enum.GetValues<ReasonableStep>())) throw new InvalidOperationException("The pack needs exactly one chapter for each of the eight steps.");
        for (var i = 0; i < steps.Count; i++)
        {
            await progress($"Step {(int)steps[i].Step}: {steps[i].Step.Name()}", 5 + i * 9);
            var chapter = await steps[i].ReadAsync(pack, ct);
            // Each chapter opens with the legal test its evidence is read against, part by part of the period.
            chapter.Blocks.Insert(0, new PackText(pack.LegalTest));
            pack.Chapters.Add(chapter);
        }
        await progress("Summary and score trend", 80);
        await SummaryAsync(pack, ct);
        await progress("Annexes", 88);
        await AnnexesAsync(pack, ct);
        return pack;
    }

    /// <summary>The standard in force at the start, and each change inside the period with its date.</summary>
    private async Task StandardsAsync(PackContent pack, CancellationToken ct)
    {
        var provisions = await legal.ProvisionsAsync(ct);
        pack.LegalTest = LegalTest(provisions, pack.From, pack.To);
        pack.Standards.Add(pack.LegalTest);
        foreach (var day in provisions.Where(p => p.Status == ProvisionStatus.InForce && p.EffectiveFrom > pack.From && p.EffectiveFrom <= pack.To)
            .Select(p => p.EffectiveFrom!.Value).Distinct().Order())
        {
            var began = provisions.Where(p => p.Status == ProvisionStatus.InForce && p.EffectiveFrom == day).Select(p => p.Title);
            pack.Standards.Add($"From {UkDates.Long(day)}, in force: {string.Join("; ", began)}. {LegalTimeline.StandardOn(provisions, day).Summary}");
        }
        // Announced but not confirmed here: not the law during the period, and said so rather than left out.
        foreach (var p in provisions.Where(p => p.Status == ProvisionStatus.Planned && p.Key != LegalKeys.AllReasonableSteps && (p.EffectiveFrom is null || p.EffectiveFrom <= pack.To)).OrderBy(p => p.EffectiveFrom))
        {
            pack.Standards.Add($"{p.Title}: expected {(p.EffectiveFrom is { } d ? "from " + UkDates.Long(d) : "on a date not yet announced")}, not confirmed in this installation, so not applied.");
        }
    }

    /// <summary>
    /// Which legal test applied to each part of the period, with its source, as one sentence: the parts change where the
    /// duty does (reasonable steps, then all reasonable steps with liability for third parties, once an administrator
    /// has confirmed its commencement); a duty announced but not confirmed here is named as not applied.
    /// </summary>
    public static string LegalTest(IReadOnlyList<Scoring.LegalProvision> provisions, DateOnly from, DateOnly to)
    {
        string[] duties = [LegalKeys.ReasonableSteps, LegalKeys.AllReasonableSteps];
        var starts = provisions.Where(p => duties.Contains(p.Key) && p.Status == ProvisionStatus.InForce && p.EffectiveFrom > from && p.EffectiveFrom <= to)
            .Select(p => p.EffectiveFrom!.Value).Prepend(from).Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1].AddDays(-1) : to;
            var standard = LegalTimeline.StandardOn(provisions, starts[i]);
            // The act and section; what follows a semicolon is a note on commencement, not the source.
            var source = provisions.FirstOrDefault(p => p.Key == (standard.ThirdPartyLiability ? LegalKeys.AllReasonableSteps : LegalKeys.ReasonableSteps))?.Source.Split(';')[0].Trim();
            var test = standard.Duty == LegalTimeline.NoDuty ? "no specific duty to prevent sexual harassment"
                : $"{standard.Duty.ToLowerInvariant()}{(standard.ThirdPartyLiability ? ", with the employer liable for harassment by third parties" : "")}{(string.IsNullOrWhiteSpace(source) ? "" : $" ({source})")}";
            parts.Add($"{UkDates.Long(starts[i])} to {UkDates.Long(end)}, {test}");
        }
        var sentence = "The legal test for this period: " + string.Join("; ", parts) + ".";
        foreach (var p in provisions.Where(p => p.Key == LegalKeys.AllReasonableSteps && p.Status == ProvisionStatus.Planned && (p.EffectiveFrom is null || p.EffectiveFrom <= to)))
        {
            sentence += $" {p.Title}: expected {(p.EffectiveFrom is { } d ? "from " + UkDates.Long(d) : "on a date not yet announced")}, not confirmed in this installation, so not applied.";
        }
        return sentence;
    }

    /// <summary>Month ends inside the period, and its last day: the points at which figures over the period are read.</summary>
    public static List<DateOnly> Points(DateOnly from, DateOnly to)
    {
        var points = new List<DateOnly>();
        var end = new DateOnly(from.Year, from.Month, 1).AddMonths(1).AddDays(-1);
        for (; end < to; end = end.AddDays(1).AddMonths(1).AddDays(-1)) points.Add(end);
        points.Add(to);
        return points;
    }

    /// <summary>
    /// The whole calendar quarters inside the period that had ended when the pack was made: figures about reports
    /// and incidents cover these only, as on the monitoring page, so that two packs a day apart cannot be set side by
    /// side to tell when a report came. Null when there is none.
    /// </summary>
    public static (DateOnly From, DateOnly To)? CaseQuarters(DateOnly from, DateOnly to, DateOnly today)
    {
        static DateOnly QuarterStart(DateOnly d) => new(d.Year, ((d.Month - 1) / 3 * 3) + 1, 1);
        var start = QuarterStart(from);
        if (start < from) start = start.AddMonths(3);
        var lastEnded = QuarterStart(today).AddDays(-1);
        var limit = to < lastEnded ? to : lastEnded;
        // The last quarter end on or before the limit (the limit itself when it is one).
        var end = QuarterStart(limit.AddDays(1)).AddDays(-1);
        return start <= end ? (start, end) : null;
    }

    /// <summary>Quarter ends inside the period, and its last day (for figures that take longer to read).</summary>
    public static List<DateOnly> QuarterPoints(DateOnly from, DateOnly to) =>
        [.. Points(from, to).Where((d, i) => d == to || d.Month % 3 == 0)];

    /// <summary>Steps scored from reports and incidents: read only at the end of a whole quarter that has ended.</summary>
    private static bool FromCases(ReasonableStep step) => step is ReasonableStep.Complaints or ReasonableStep.ThirdParties;

    private async Task SummaryAsync(PackContent pack, CancellationToken ct)
    {
        var s = pack.Summary;
        // Quarter ends and the last day: month by month, the scores from reports would tell when a deadline fell.
        var points = QuarterPoints(pack.From, pack.To);
        var scores = new Dictionary<DateOnly, List<StepScore>>();
        foreach (var day in points) scores[day] = await evidence.ScoresOnAsync(day, ct);
        var cases = reads.Quarters(pack);
        if (cases is { } q && !scores.ContainsKey(q.To)) scores[q.To] = await evidence.ScoresOnAsync(q.To, ct);
        // Steps 6 and 7 only at quarter ends that have ended (in the table of the position, the last of them), or not at all.
        // A score of step 6 or 7 from fewer than 5 reports or incidents would tell how many (2 of 3 deadlines met is 66): withheld.
        var few = new Dictionary<(DateOnly, ReasonableStep), bool>();
        foreach (var day in scores.Keys)
        {
            foreach (var step in new[] { ReasonableStep.Complaints, ReasonableStep.ThirdParties }) few[(day, step)] = await reads.FewBehindAsync(day, step, ct);
        }
        string ScoreOn(DateOnly day, ReasonableStep step, Func<StepScore, string> show, bool latest = false)
        {
            DateOnly? at = !FromCases(step) ? day : cases is { } c && (latest || (PackReads.IsQuarterEnd(day) && day <= c.To)) ? (latest ? c.To : day) : null;
            if (at is { } f && few.GetValueOrDefault((f, step))) return SmallNumbers.WithheldText;
            return at is { } a ? show(scores[a].Single(x => x.Step == step)) : "not given";
        }
        s.Subheading($"The position at the end of the period, {UkDates.Long(pack.To)}");
        var why = await CountedWhyAsync(pack, ct);
        // Each figure with the day it describes, in the table itself: steps 6 and 7 are of the last whole quarter's end.
        string DescribedOn(ReasonableStep step) => !FromCases(step) ? UkDates.Long(pack.To) : cases is { } c ? UkDates.Long(c.To) : "not given";
        s.Table(["Step", "On", "Score", "Status", "Why"], [1.8, 1.8, 1.0, 1.1, 4.7], Enum.GetValues<ReasonableStep>().Select(step => (IReadOnlyList<string>)[
            step.Name(), DescribedOn(step), ScoreOn(pack.To, step, x => x.Score.ToString(), latest: true), ScoreOn(pack.To, step, x => x.Status.Label(), latest: true),
            why.TryGetValue(step, out var w) ? w : string.Join(" ", scores[pack.To].Single(x => x.Step == step).Why)]));
        if (cases is { } shown) s.Text($"Steps 6 and 7 are scored from reports and incidents, so they are given as they stood at the end of the last whole quarter, {UkDates.Long(shown.To)}, and at earlier quarter ends only.");
        if (few.Values.Any(x => x)) s.Text($"\"{SmallNumbers.WithheldText}\": a score of step 6 or 7 worked out from fewer than {SmallNumbers.Threshold} reports or incidents in the 12 months to the day would tell how many there were, so it is not given.");
        s.Subheading("How the position moved during the period");
        // One computation for the chart and its table: each step's figure at each point, as words where it is not a score.
        var trend = Enum.GetValues<ReasonableStep>().ToDictionary(step => step, step => points.Select(d => ScoreOn(d, step, x => x.Score.ToString())).ToList());
        s.Blocks.Add(new PackChart([.. points.Select(UkDates.Long)], [.. Enum.GetValues<ReasonableStep>().Select(step => ((string, IReadOnlyList<string>))($"Step {(int)step}: {step.Name()}", trend[step]))],
            "Score at each quarter end and on the last day of the period"));
        // A row per day, a column per step: each date whole, in the pack's one date format.
        s.Table(["On", .. Enum.GetValues<ReasonableStep>().Select(step => $"Step {(int)step}")], [1.8, .. Enum.GetValues<ReasonableStep>().Select(_ => 0.85)],
            points.Select((d, i) => (IReadOnlyList<string>)[UkDates.Long(d), .. Enum.GetValues<ReasonableStep>().Select(step => trend[step][i])]));
        var signOffs = await reads.SignOffsInAsync(pack, ct);
        s.Subheading("Board sign-offs in the period");
        if (signOffs.Count == 0) s.Text("No review of the position was signed off in the period.");
        else s.Table(["Reviewed on", "Meeting", "Signed off by, on", "Scores that day, steps 1 to 8"], [1.2, 1.6, 1.6, 3], signOffs);
        s.Subheading("Gaps found");
        var gaps = pack.Chapters.SelectMany(c => c.Gaps.Select(g => $"{c.Title}: {g}")).ToList();
        if (gaps.Count == 0) s.Text("No gap was found in the evidence for the period.");
        foreach (var gap in gaps) s.Text("• " + gap);
    }

    /// <summary>
    /// The reasons for steps 6 and 7 as the pack gives them: counts of reports and incidents over the whole quarters
    /// only, through the small-number rule, as everywhere else in the pack (the position page, for its own readers,
    /// gives the rolling 12 months as they are).
    /// </summary>
    private async Task<Dictionary<ReasonableStep, string>> CountedWhyAsync(PackContent pack, CancellationToken ct)
    {
        if (reads.Quarters(pack) is not { } q) return new() { [ReasonableStep.Complaints] = PackReads.NoWholeQuarter, [ReasonableStep.ThirdParties] = PackReads.NoWholeQuarter };
        var complaints = await evidence.ComplaintsBetweenAsync(q.From, q.To, ct);
        var third = await evidence.ThirdPartiesBetweenAsync(q.From, q.To, ct);
        var span = $"from {UkDates.Long(q.From)} to {UkDates.Long(q.To)}";
        var reports = SmallNumbers.One(complaints.Received);
        return new()
        {
            [ReasonableStep.Complaints] = $"Reports received {span}: {reports}. "
                + $"Their deadlines (acknowledging, triage, feedback): {SmallNumbers.From(complaints.DeadlinesMet, reports)} met, {SmallNumbers.From(complaints.DeadlinesMissed, reports)} missed.",
            [ReasonableStep.ThirdParties] = $"Third-party incidents that happened {span}: {SmallNumbers.One(third.Incidents)}. "
                + $"The site's risk assessment was reviewed in time after {SmallNumbers.One(third.ReviewedInTime)}, and not after {SmallNumbers.One(third.NotReviewedInTime)}.",
        };
    }

    private async Task AnnexesAsync(PackContent pack, CancellationToken ct)
    {
        var plan = new PackSection("Annex A: The action plan");
        var actions = await reads.PlanAsync(pack, ct);
        plan.Text($"Every action open at some time in the period: {actions.Count}. An action asked for when a case closed gives only the quarter.");
        bool Closed(PackReads.PlanRow a) => a.CompletedOn is { } c && c <= pack.To;
        plan.Table(["Step", "Action", "Owner", "Due", "Completed", "From", "Evidence"], [0.4, 2.6, 1.1, 1.2, 1.2, 1, 1.1], actions.Select(a => (IReadOnlyList<string>)[
            ((int)a.Step).ToString(), a.Description, a.Owner, a.Due, Closed(a) ? UkDates.Long(a.CompletedOn!.Value) : "Open",
            a.Source.Label(), !Closed(a) ? "" : a.EvidenceSha256 is null ? "None kept" : "A file: its SHA-256 is below"]));
        // Each hash on a line of its own, whole, so that it can be read and copied.
        var evidenced = actions.Where(a => Closed(a) && a.EvidenceSha256 is not null).ToList();
        plan.Subheading("The evidence kept for closed actions");
        if (evidenced.Count == 0) plan.Text("No action closed in the period has a file of evidence kept in the app.");
        else plan.Hashes(evidenced.Select(a => ($"{a.Description} (done {UkDates.Long(a.CompletedOn!.Value)})", a.EvidenceSha256)));
        var annexes = new List<PackSection> { plan };

        var cited = new PackSection("Annex B: Every artefact cited");
        cited.Text($"{pack.Artefacts.Count} dated records are cited in the chapters. A record with a SHA-256 can be checked: the hash of its content as kept in the app must match.");
        cited.Table(["Step", "Record", "SHA-256"], [0.4, 2.6, 4.6], pack.Artefacts.Select(a => (IReadOnlyList<string>)[a.Step, $"{a.Kind}: {a.Identifier}, {UkDates.Long(a.Date)}", a.Sha256 ?? "None: a record without content of its own"]), 2);
        annexes.Add(cited);

        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash, a.OccurredAtUtc }).FirstOrDefaultAsync(ct);
        var audit = new PackSection("Annex C: The audit trail");
        audit.Text(head is null ? "The audit trail was empty when this pack was made."
            : $"Audit-chain head at generation: entry {head.Sequence:N0}, written {UkDates.Long(head.OccurredAtUtc)} (UK time).");
        if (head is not null) audit.Text("Head hash: " + head.Hash, mono: true);
        audit.Text("Every change in the app is an entry in a chain: each entry's SHA-256 covers the one before it, so no entry can be changed or removed without breaking every later hash. "
            + "Each day the head is also written outside the database and sent to the directors. "
            + (head is null ? "To check the chain, an administrator runs the app's command verify-audit, which reads every entry again and prints the head hash."
                : $"Making this pack writes further entries, so to check the chain as this pack cites it an administrator runs the app's command verify-audit --up-to {head.Sequence}: it reads every entry again, checks them against the checkpoints, and prints the hash of entry {head.Sequence:N0}, which must be the head hash above."));
        CheckpointBefore(pack, audit);
        SignatureOf(pack, audit);
        audit.Text("This pack's own SHA-256 is written to the audit trail when it is made. Anyone can check a copy: upload it to this installation's /verify page, or run verify-pack FILE, or compare sha256sum FILE with the value on the list of packs.");
        annexes.Add(audit);

        annexes.Add(await ScoringRulesAsync(pack, ct));
        // Before the annexes the chapters added (E on).
        pack.Annexes.InsertRange(0, annexes);
    }

    /// <summary>The certificate the PDF will be signed with, and how a reader checks the signature without the app.</summary>
    private void SignatureOf(PackContent pack, PackSection audit)
    {
        try
        {
            pack.SigningCertificate = anchor?.PackSigningCertificate(pack.Organisation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            pack.SigningCertificate = null;
        }
        if (pack.SigningCertificate is not { } certificate)
        {
            audit.Text("This PDF is not signed: the installation's signing key could not be read when it was made.");
            return;
        }
        audit.Text("This PDF is signed (a PDF signature, PAdES baseline B) with the installation's checkpoint key, the key behind the signed checkpoints above, "
            + $"in a certificate named \"{certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)}\" whose SHA-256 is:");
        audit.Text(Documents.PdfSigner.Fingerprint(certificate), mono: true);
        audit.Text("A PDF reader shows who signed it and whether the file has changed since. To check it without this app: pdfsig FILE must say \"Signature is Valid\" and \"Total document signed\"; "
            + "pdfsig -dump FILE writes the signature to FILE.sig0 in the current folder, and openssl pkcs7 -inform DER -in FILE.sig0 -print_certs | openssl x509 -outform DER | sha256sum must print the SHA-256 above, "
            + "which this installation's /verify page shows too. The certificate is the installation's own, not one issued by an authority, so a reader calls its issuer unknown: "
            + "the SHA-256 is what ties it to this installation.");
    }

    /// <summary>
    /// The latest signed checkpoint of the audit chain before the pack, carried in the records ZIP with its
    /// statement, the key to check its signature and, where an authority time-stamped it, the token.
    /// </summary>
    private void CheckpointBefore(PackContent pack, PackSection audit)
    {
        var latest = anchor?.ReadAll().LastOrDefault(c => c.Checkpoint is not null && c.SignatureHolds);
        if (anchor is null || latest?.Checkpoint is not { } checkpoint)
        {
            audit.Text("No signed checkpoint of the audit chain had been written outside the database before this pack.");
            return;
        }
        var name = Path.GetFileNameWithoutExtension(latest.Value.File);
        pack.Attachments.Add(($"audit/{name}.json", File.ReadAllBytes(Path.Combine(anchor.CheckpointsFolder, latest.Value.File))));
        pack.Attachments.Add(($"audit/{name}.statement.txt", CheckpointTimeStamps.Statement(checkpoint)));
        if (File.Exists(anchor.PublicKeyFile)) pack.Attachments.Add(("audit/checkpoint-signing-key.pub.pem", File.ReadAllBytes(anchor.PublicKeyFile)));
        audit.Text($"The latest signed checkpoint before this pack: entry {checkpoint.Sequence:N0}, signed {UkDates.Long(checkpoint.AtUtc)} "
            + $"(UK time) with this installation's checkpoint key. It is in the records ZIP as audit/{name}.json, with the statement it signs and the public key.");
        var tokenFile = CheckpointTimeStamps.TokenFile(anchor.CheckpointsFolder, latest.Value.File);
        if (!File.Exists(tokenFile))
        {
            audit.Text("No time-stamping authority had vouched for that checkpoint's time when the pack was made.");
            return;
        }
        var token = File.ReadAllBytes(tokenFile);
        var stamp = CheckpointTimeStamps.Examine(token, checkpoint, CheckpointTimeStamps.TrustedCertificates(stampOptions?.Value ?? new CheckpointTimeStampOptions()));
        if (!stamp.Holds)
        {
            audit.Text($"That checkpoint's time-stamp token cannot be relied on: {stamp.Problem}.");
            return;
        }
        pack.Attachments.Add(($"audit/{name}.tsr", token));
        audit.Text($"A time-stamping authority outside the installation vouched that the checkpoint existed, {stamp.Described} (RFC 3161). Its token is in the records ZIP as audit/{name}.tsr. To check it without this app, "
            + $"with the authority's published certificate: openssl ts -verify -data audit/{name}.statement.txt -in audit/{name}.tsr -CAfile AUTHORITY-CERTIFICATE.pem");
    }

    /// <summary>
    /// Annex D, written for a reader: the thresholds as they stood during the period, read from the settings and
    /// their dated changes, then each step's rule, from the rules document shipped with the app (the same one the
    /// app's rules page shows, checked against the code by a test) set as headed sections, tables and paragraphs, with
    /// no file paths, setting keys or Markdown.
    /// </summary>
    private async Task<PackSection> ScoringRulesAsync(PackContent pack, CancellationToken ct)
    {
        var rules = new PackSection("Annex D: How the scores were computed");
        rules.Text("Each of the eight steps has a score from 0 to 100 on each day, worked out from records that carry their own dates, so that any past day can be worked out again; a later change never rewrites an earlier day. Scores never read what a report or case says.");
        var start = await evidence.ScoringOptionsOnAsync(pack.From, ct);
        var changes = await db.ScoringSettings.AsNoTracking().Where(x => x.EffectiveFrom > pack.From && x.EffectiveFrom <= pack.To).OrderBy(x => x.EffectiveFrom).ThenBy(x => x.ChangedAtUtc).ToListAsync(ct);
        rules.Subheading("The thresholds during the period");
        rules.Text("These figures are the organisation's settings, not figures from the guidance; an administrator may change one from a date, with a reason, and each day is scored with those in force on it.");
        rules.Table(["Setting", $"On {UkDates.Long(pack.From)}", "Changed during the period"], [2.6, 1.4, 3.4], ScoringSettings.All.Select(d => (IReadOnlyList<string>)[
            d.Label, d.Get(start).ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Join("; ", changes.Where(x => x.Key == d.Key).Select(x => $"{x.Value} from {UkDates.Long(x.EffectiveFrom)}, by {x.ChangedByName}"
                + (pack.Named ? $": {x.Reason}" : " (the reason given is in the named edition)"))) is { Length: > 0 } said ? said : "Not changed"]));
        rules.Text($"A step is met from {start.MetFrom}, at risk from {start.AtRiskFrom}, and not met below {start.AtRiskFrom}. Percentages are whole per cent, rounded down, everywhere they are shown.");
        foreach (var block in RuleSections()) rules.Blocks.Add(block);
        return rules;
    }

    /// <summary>Each step's rule from docs/scoring.md as shipped with the app: its headings, tables and paragraphs as a reader reads them.</summary>
    private static IEnumerable<PackBlock> RuleSections()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "docs", "scoring.md");
        if (!File.Exists(path))
        {
            yield return new PackText("The rules for each step are set out on the app's page Position, How the scores are worked out.");
            yield break;
        }
        var lines = File.ReadAllLines(path);
        var from = Array.FindIndex(lines, l => l.StartsWith("## Step 1", StringComparison.Ordinal));
        var to = Array.FindIndex(lines, Math.Max(from, 0), l => l.StartsWith("## ", StringComparison.Ordinal) && !l.StartsWith("## Step", StringComparison.Ordinal));
        if (from < 0) yield break;
        var paragraph = new List<string>();
        var table = new List<string[]>();
        IEnumerable<PackBlock> Flush()
        {
            if (paragraph.Count > 0) yield return new PackText(Plain(string.Join(' ', paragraph)));
            if (table.Count > 1) yield return new PackTable(table[0], [3, 1, 3], [.. table.Skip(1)], []);
            paragraph.Clear();
            table.Clear();
        }
        foreach (var raw in lines[from..(to < 0 ? lines.Length : to)])
        {
            var line = raw.Trim();
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                foreach (var b in Flush()) yield return b;
                yield return new PackSubheading(Plain(line[3..]).Replace(" (scored)", "", StringComparison.Ordinal));
            }
            else if (line.StartsWith('|'))
            {
                if (paragraph.Count > 0) foreach (var b in Flush()) yield return b;
                if (line.Replace("|", "").Replace("-", "").Replace(":", "").Trim().Length == 0) continue; // the line under the header
                table.Add([.. line.Trim('|').Split('|').Select(c => Plain(c.Trim()))]);
            }
            else if (line.Length == 0)
            {
                foreach (var b in Flush()) yield return b;
            }
            else
            {
                if (table.Count > 0) foreach (var b in Flush()) yield return b;
                paragraph.Add(line);
            }
        }
        foreach (var b in Flush()) yield return b;
    }

    /// <summary>
    /// A line of the rules document as a reader reads it: a setting's key or a name from the code goes (its value
    /// stays), a sentence naming a source file goes, a page's address stays, and emphasis, code marks and links
    /// become plain words.
    /// </summary>
    internal static string Plain(string markdown)
    {
        const string key = "`[^`/][^`]*`";
        var text = Regex.Replace(markdown, @"[^.]*`[^`]*\.cs`[^.]*\.\s*", "");
        text = Regex.Replace(text, key + @" \((\d+)\)", "$1");
        text = Regex.Replace(text, @"\s*\(" + key + @"\)", "");
        text = Regex.Replace(text, @"\(" + key + @"[,:] ", "(");
        text = Regex.Replace(text, key + ", ", "");
        text = Regex.Replace(text, key, "a setting");
        text = Regex.Replace(text, @"\[([^\]]+)\]\([^)]+\)", "$1");
        return text.Replace("**", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Trim();
    }
}
