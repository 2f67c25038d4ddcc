using System.Net;
using System.Security.Cryptography;
using Compliance.Core.Auditing;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Training;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.EvidencePacks;

/// <summary>The evidence pack, asked for on its page, made by the background job, and checked with the tools a reviewer would use.</summary>
public sealed class EvidencePackTests(PackApp app) : IClassFixture<PackApp>
{
    private Task<int> MakeWaitingPacksAsync() => app.WithServiceAsync<EvidencePackWork, int>(w => w.GeneratePendingAsync());

    private async Task<(Guid Id, byte[] Pdf, string Text)> ReadyPackAsync(AppClient client, params (string, string)[] fields)
    {
        var id = await PackApp.AskAsync(client, fields);
        Html.Text(await client.GetPageAsync($"/packs/{id}")).Should().Contain("The pack is being made in the background");
        (await MakeWaitingPacksAsync()).Should().Be(1);
        var download = await client.GetAsync($"/packs/{id}?handler=Download");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var pdf = await download.Content.ReadAsByteArrayAsync();
        var path = Path.Combine(app.DataDirectory, $"{id}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var text = await Tool.RunAsync("pdftotext", "-layout", path, "-");
        text.ExitCode.Should().Be(0, text.Errors);
        return (id, pdf, text.Output);
    }

    [Fact]
    public async Task A_directors_pack_passes_the_pdf_tools_names_the_steps_period_hashes_and_audit_head_and_holds_no_word_or_name_from_any_case()
    {
        var (id, pdf, text) = await ReadyPackAsync(app.DirectorClient);
        var path = Path.Combine(app.DataDirectory, $"{id}.pdf");
        // The pack's entry in the audit trail is anchored outside the database as soon as the pack is made.
        await using (var entries = app.NewDbContext())
        {
            var made = await entries.AuditEntries.Where(a => a.Action == "evidence-pack.generated" && a.EntityId == id.ToString()).MaxAsync(a => a.Sequence);
            Auditing.Checkpoints.Written(app.Services).Should().Contain(c => c.Reason == "evidence pack" && c.Sequence >= made);
        }

        var check = await Tool.RunAsync("qpdf", "--check", path);
        check.ExitCode.Should().Be(0, check.Output + check.Errors);
        (check.Output + check.Errors).Should().NotContainEquivalentOf("warning");
        var fonts = await Tool.RunAsync("pdffonts", path);
        var fontRows = fonts.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        fontRows.Should().NotBeEmpty();
        fontRows.Should().OnlyContain(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Reverse().Skip(4).First() == "yes", fonts.Output);
        var info = (await Tool.RunAsync("pdfinfo", path)).Output;
        var from = app.Today.AddYears(-1).AddDays(1);
        info.Should().Contain($"Title:           Evidence pack: reasonable steps to prevent sexual harassment, {Core.UkDates.Long(from)} to {Core.UkDates.Long(app.Today)}");
        info.Should().Contain("Page size:       595 x 842 pts (A4)");
        await using var db = app.NewDbContext();
        var pack = await db.EvidencePacks.AsNoTracking().SingleAsync(p => p.Id == id);
        info.Should().Contain($"Pages:           {pack.PageCount}");
        foreach (var name in new[] { "Della", "Director", "Hattie", PackApp.ReporterName }) info.Should().NotContain(name);
        // Tagged for screen readers: headings, paragraphs, tables with header cells, the chart as a figure with its words.
        info.Should().Contain("Tagged:          yes");
        var structure = (await Tool.RunAsync("pdfinfo", "-struct", path)).Output;
        foreach (var tag in new[] { "H1", "H2", "P", "Table", "TR", "TH", "TD", "Figure" }) structure.Should().MatchRegex($@"(?m)^\s+{tag}\b");

        foreach (var heading in new[] { "Step 1: Policy", "Step 2: Engaging staff", "Step 3: Risk assessment", "Step 4: Reporting", "Step 5: Training", "Step 6: Complaints", "Step 7: Third parties", "Step 8: Monitoring" })
        {
            text.Should().Contain(heading);
        }
        text.Should().Contain($"{Core.UkDates.Long(from)} to {Core.UkDates.Long(app.Today)}");
        text.Should().Contain(app.AssessmentHash, "the approved revision's SHA-256 is cited whole");
        var head = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == pack.AuditSequence!.Value - 1);
        text.Should().Contain("Head hash: " + head.Hash);
        foreach (var canary in new[] { PackApp.ReportCanary, PackApp.ReporterName, "Canarywhistle", PackApp.NoteCanary, "ottoline@example.test" })
        {
            text.Should().NotContainEquivalentOf(canary);
            System.Text.Encoding.Latin1.GetString(pdf).Should().NotContainEquivalentOf(canary);
        }

        // Stored, hashed and recorded: the list shows the hash, the audit trail has it, a second download is the same bytes.
        pack.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        pack.SizeBytes.Should().Be(pdf.Length);
        (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == pack.AuditSequence)).Summary.Should().Contain(pack.Sha256!);
        Html.Text(await app.DirectorClient.GetPageAsync("/packs")).Should().Contain(pack.Sha256!).And.Contain($"{pack.PageCount} pages");
        (await (await app.DirectorClient.GetAsync($"/packs/{id}?handler=Download")).Content.ReadAsByteArrayAsync()).Should().Equal(pdf);
        var actions = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
        actions.Should().Equal("evidence-pack.requested", "evidence-pack.generated", "evidence-pack.downloaded", "evidence-pack.downloaded");
    }

    [Fact]
    public async Task Planted_gaps_are_named_in_their_chapters_with_their_dates()
    {
        var (_, _, text) = await ReadyPackAsync(app.DirectorClient);
        var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        var from = app.Today.AddYears(-1).AddDays(1);
        var lapsed = app.AssessedOn.AddMonths(12).AddDays(1);
        string Chapter(string heading, string next) => flat[flat.LastIndexOf(heading, StringComparison.Ordinal)..flat.LastIndexOf(next, StringComparison.Ordinal)];
        var risk = Chapter("Step 3: Risk assessment", "Step 4: Reporting");
        risk.Should().Contain($"{PackApp.SecondSite} had no current risk assessment from {Core.UkDates.Long(lapsed)} to {Core.UkDates.Long(app.Today)}.");
        risk.Should().Contain($"{Cases.CaseApp.SiteName} had no current risk assessment from {Core.UkDates.Long(from)} to {Core.UkDates.Long(app.Today)}.");
        var training = Chapter("Step 5: Training", "Step 6: Complaints");
        training.Should().Contain($"{PackApp.CourseTitle}: on {Core.UkDates.Long(app.Today)} the training of 3 of the 6 people it is for (everyone) was stale; "
            + $"it lapsed on {Core.UkDates.Long(TrainingRules.LapsesOn(app.StaleCompletion, 12))}.");
        training.Should().Contain($"{PackApp.CourseTitle}: on {Core.UkDates.Long(app.Today)}, 1 of the people it is for had never been trained");
        // One report in the whole quarters that have ended: shown as "fewer than 5", never as the number; today's is not counted yet.
        var (qFrom, qTo) = PackBuilder.CaseQuarters(from, app.Today, app.Today)!.Value;
        Chapter("Step 6: Complaints", "Step 7: Third parties").Should().Contain($"Reports received in the whole quarters from {Core.UkDates.Long(qFrom)} to {Core.UkDates.Long(qTo)}: fewer than 5.");
        flat.Should().Contain("Gaps found").And.Contain($"Step 3: Risk assessment: {PackApp.SecondSite} had no current risk assessment");
    }

    [Fact]
    public async Task Verify_says_genuine_for_the_pack_and_not_known_for_a_copy_with_one_byte_changed_showing_nothing_else()
    {
        var (id, pdf, _) = await ReadyPackAsync(app.DirectorClient);
        var anyone = app.NewClient();
        async Task<string> CheckAsync(byte[] bytes) =>
            Html.Text(await (await anyone.UploadAsync("/verify", "Upload", "pack.pdf", bytes)).Content.ReadAsStringAsync());
        var genuine = await CheckAsync(pdf);
        genuine.Should().Contain("Genuine: this installation made this pack on").And.Contain("the audit chain, with its checkpoints, passes its check");
        genuine.Should().NotContain(id.ToString()).And.NotContain("Della");
        var changed = (byte[])pdf.Clone();
        changed[changed.Length / 2] ^= 0x01;
        (await CheckAsync(changed)).Should().Contain("Not known: this installation did not make a pack or records ZIP with exactly these bytes.");
        Html.Text(await (await anyone.UploadAsync("/verify", "Upload", "empty.pdf", [])).Content.ReadAsStringAsync()).Should().Contain("Choose the pack's PDF, or its records ZIP, to check.");
        // The records ZIP made with the pack: its SHA-256 is in the pack's audit entry, and it is checked as the pack is.
        var zip = await (await app.DirectorClient.GetAsync($"/packs/{id}?handler=Records")).Content.ReadAsByteArrayAsync();
        var zipSha = Convert.ToHexStringLower(SHA256.HashData(zip));
        await using (var db = app.NewDbContext())
        {
            (await db.AuditEntries.AsNoTracking().Where(a => a.Action == Core.EvidencePacks.EvidencePackWork.GeneratedAction && a.EntityId == id.ToString()).Select(a => a.Summary).SingleAsync())
                .Should().Contain($"records ZIP SHA-256 {zipSha}");
        }
        Html.Text(await (await anyone.UploadAsync("/verify", "Upload", "records.zip", zip)).Content.ReadAsStringAsync())
            .Should().Contain("Genuine: this installation made this records ZIP, with its evidence pack, on");
        zip[zip.Length / 2] ^= 0x01;
        Html.Text(await (await anyone.UploadAsync("/verify", "Upload", "records.zip", zip)).Content.ReadAsStringAsync()).Should().Contain("Not known");
        // A row claiming a hash that the audit trail never recorded is not believed.
        await using (var db = app.NewDbContext())
        {
            var forged = Convert.ToHexStringLower(SHA256.HashData(changed));
            await db.EvidencePacks.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Sha256, forged));
            (await CheckAsync(changed)).Should().Contain("Not known");
            await db.EvidencePacks.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf))));
        }
        // A checkpoint written after the pack, deleted: the failure is found at that checkpoint's entry, after the pack's,
        // but the checkpoints can no longer vouch for any entry, so the pack is no longer called genuine.
        await ReadyPackAsync(app.DirectorClient);
        var later = Auditing.Checkpoints.Written(app.Services).Last(c => c.Reason == "evidence pack");
        await using (var db = app.NewDbContext())
        {
            later.Sequence.Should().BeGreaterThan((await db.EvidencePacks.AsNoTracking().SingleAsync(p => p.Id == id)).AuditSequence!.Value);
        }
        var file = Directory.GetFiles(Path.Combine(app.DataDirectory, "anchor", "checkpoints"), $"*-{later.Sequence}.json").Should().ContainSingle().Which;
        File.Move(file, file + ".gone");
        try
        {
            var broken = await CheckAsync(pdf);
            broken.Should().Contain("Made here, but the record is broken").And.Contain("the audit chain does not pass its check").And.NotContain("Genuine");
        }
        finally
        {
            File.Move(file + ".gone", file);
        }
        // A check is kept until the chain moves on (a download writes an entry), then made again.
        (await app.DirectorClient.GetAsync($"/packs/{id}?handler=Download")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await CheckAsync(pdf)).Should().Contain("Genuine: this installation made this pack on");
    }

    /// <summary>The signature as pdfsig -dump writes it (into the current folder, named after the file), decoded.</summary>
    private static async Task<System.Security.Cryptography.Pkcs.SignedCms> SignatureAsync(string pdf)
    {
        var dumped = Path.Combine(Directory.GetCurrentDirectory(), Path.GetFileName(pdf) + ".sig0");
        var run = await Tool.RunAsync("pdfsig", "-dump", pdf);
        run.ExitCode.Should().Be(0, run.Errors);
        var cms = new System.Security.Cryptography.Pkcs.SignedCms();
        cms.Decode(await File.ReadAllBytesAsync(dumped));
        File.Delete(dumped);
        return cms;
    }

    [Fact]
    public async Task The_pdf_carries_one_pades_signature_that_pdfsig_accepts_and_a_changed_byte_breaks_with_the_certificate_on_the_cover_and_verify()
    {
        var (id, pdf, text) = await ReadyPackAsync(app.DirectorClient);
        var path = Path.Combine(app.DataDirectory, $"{id}.pdf");
        var sig = await Tool.RunAsync("pdfsig", path);
        sig.Output.Split('\n').Count(l => l.StartsWith("Signature #", StringComparison.Ordinal)).Should().Be(1, sig.Output + sig.Errors);
        sig.Output.Should().Contain("Signature Validation: Signature is Valid.").And.Contain("Total document signed")
            .And.Contain("Signature Type: ETSI.CAdES.detached").And.Contain("Signing Hash Algorithm: SHA-256")
            .And.Contain("Signer Certificate Common Name: Evidence packs, ");
        // The certificate in the signature is the one whose SHA-256 the cover and the public /verify page give.
        var cms = await SignatureAsync(path);
        cms.Certificates.Count.Should().Be(1);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(cms.Certificates[0].RawData));
        cms.SignerInfos.Count.Should().Be(1);
        cms.SignerInfos[0].SignedAttributes.Cast<System.Security.Cryptography.CryptographicAttributeObject>().Select(a => a.Oid.Value)
            .Should().Contain("1.2.840.113549.1.9.16.2.47", "PAdES baseline B names the signing certificate by its hash").And.NotContain("1.2.840.113549.1.9.5", "nor gives a signing-time attribute");
        System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Should().Contain("Signed with the installation's key: certificate SHA-256 (Annex C says how to check) " + fingerprint);
        Html.Text(await app.NewClient().GetPageAsync("/verify")).Should().Contain(fingerprint);
        // The checkpoints' key signs the packs: the certificate's public key is the checkpoint key's.
        using (var key = System.Security.Cryptography.ECDsa.Create())
        {
            key.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "anchor", "checkpoint-signing-key.pub.pem")));
            using var signing = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPublicKey(cms.Certificates[0])!;
            signing.ExportSubjectPublicKeyInfo().Should().Equal(key.ExportSubjectPublicKeyInfo());
        }

        // One byte changed in the text the signature covers: pdfsig says the document no longer matches.
        var changed = (byte[])pdf.Clone();
        var at = System.Text.Encoding.Latin1.GetString(changed).IndexOf("/Producer", StringComparison.Ordinal);
        at.Should().BePositive();
        changed[at + 12] ^= 0x01;
        var changedPath = path + ".changed.pdf";
        await File.WriteAllBytesAsync(changedPath, changed);
        var broken = await Tool.RunAsync("pdfsig", changedPath);
        broken.Output.Should().Contain("Signature Validation:").And.NotContain("Signature is Valid.");

        // The next pack is signed with the same certificate.
        var (next, _, _) = await ReadyPackAsync(app.DirectorClient);
        var again = await SignatureAsync(Path.Combine(app.DataDirectory, $"{next}.pdf"));
        Convert.ToHexStringLower(SHA256.HashData(again.Certificates[0].RawData)).Should().Be(fingerprint);
    }

    [Fact]
    public async Task Only_directors_and_hr_managers_reach_packs_only_a_director_gets_the_named_edition_and_bad_periods_are_refused()
    {
        var hr = await app.SignedInAsync(app.HrManager);
        var hattie = await app.SignedInAsync(app.Hattie);
        (await hattie.GetAsync("/packs")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.NewClient().GetAsync("/packs")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        Html.Text(await hr.GetPageAsync("/packs")).Should().NotContain("The named edition");
        await using var db = app.NewDbContext();
        var before = await db.EvidencePacks.CountAsync();
        var refused = await hr.SubmitFormAsync("/packs", [new("Period", "last-12-months"), new("Named", "true")]);
        Html.Text(await refused.Content.ReadAsStringAsync()).Should().Contain("Only a director can ask for the named edition.");
        foreach (var (fromDay, toDay, message) in new[]
        {
            ("", "31/3/2026", "Enter the first day of the period"),
            ("31/2/2026", "31/3/2026", "The first day must be a real date"),
            ("1/4/2026", "1/3/2026", "The first day must be on or before the last day."),
            ("1/1/2020", "1/1/2026", "A pack covers at most 3 years"),
            ("1/1/2026", app.Today.AddDays(1).ToString("dd/MM/yyyy"), "The last day cannot be in the future"),
        })
        {
            var response = await hr.SubmitFormAsync("/packs", [new("Period", "dates"), new("From", fromDay), new("To", toDay)]);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            Html.Text(await response.Content.ReadAsStringAsync()).Should().Contain(message);
        }
        (await db.EvidencePacks.CountAsync()).Should().Be(before, "a refused request writes nothing");
        var financial = await PackApp.AskAsync(hr, ("Period", "financial-year"));
        var pack = await db.EvidencePacks.AsNoTracking().SingleAsync(p => p.Id == financial);
        pack.PeriodFrom.Should().Be(new DateOnly(pack.PeriodTo.Year - 1, 4, 1));
        pack.PeriodTo.Month.Should().Be(3);
        pack.Named.Should().BeFalse();
        (await hattie.GetAsync($"/packs/{financial}?handler=Download")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hr.GetAsync($"/packs/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.GetAsync($"/packs/{financial}?handler=Download")).StatusCode.Should().Be(HttpStatusCode.NotFound, "it is not made yet");
        await MakeWaitingPacksAsync();
    }

    [Fact]
    public async Task The_named_edition_says_so_on_every_page_and_names_the_stale_people_but_still_no_one_from_a_case()
    {
        var (id, _, text) = await ReadyPackAsync(app.DirectorClient, ("Period", "last-12-months"), ("Named", "true"));
        await using var db = app.NewDbContext();
        var pack = await db.EvidencePacks.AsNoTracking().SingleAsync(p => p.Id == id);
        pack.Named.Should().BeTrue();
        System.Text.RegularExpressions.Regex.Matches(text, "NAMED EDITION").Count.Should().Be(pack.PageCount, "the cover says it once, and the running header on every page after it");
        text.Should().Contain("NAMED EDITION: contains staff names");
        text.Should().Contain("Staffer1").And.Contain("Staffer6");
        foreach (var canary in new[] { PackApp.ReportCanary, PackApp.ReporterName, PackApp.NoteCanary }) text.Should().NotContainEquivalentOf(canary);
        // For directors only: to an HR manager a named pack is not there, on its page or as a download.
        var hr = await app.SignedInAsync(app.HrManager);
        (await hr.GetAsync($"/packs/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.GetAsync($"/packs/{id}?handler=Download")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.GetAsync($"/packs/{id}?handler=Records")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.GetAsync($"/packs/{id}?handler=Status")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nor is its progress");
        (await app.DirectorClient.GetAsync($"/packs/{id}?handler=Status")).StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await hr.GetPageAsync("/packs")).Should().Contain("(named edition: directors only)");
    }

    [Fact]
    public async Task A_pack_cut_short_is_made_again_once_its_claim_lapses_and_a_finished_pack_is_never_made_twice()
    {
        var id = await PackApp.AskAsync(app.DirectorClient);
        await using var db = app.NewDbContext();
        // As if an instance took it and stopped: claimed ten minutes ago, half written.
        await db.EvidencePacks.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PackStatus.Generating)
            .SetProperty(p => p.ClaimedAtUtc, DateTime.UtcNow.AddMinutes(-10)).SetProperty(p => p.Attempts, 1).SetProperty(p => p.Chapter, "Step 3: Risk assessment"));
        (await MakeWaitingPacksAsync()).Should().Be(1);
        var pack = await db.EvidencePacks.AsNoTracking().SingleAsync(p => p.Id == id);
        pack.Should().Match<EvidencePack>(p => p.Status == PackStatus.Ready && p.Attempts == 2 && p.Sha256 != null);
        (await MakeWaitingPacksAsync()).Should().Be(0);
        (await db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Action == EvidencePackWork.GeneratedAction)).Should().Be(1);
        // One being made now (a fresh claim) is left to the instance making it.
        var busy = await PackApp.AskAsync(app.DirectorClient);
        await db.EvidencePacks.Where(p => p.Id == busy).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PackStatus.Generating).SetProperty(p => p.ClaimedAtUtc, DateTime.UtcNow));
        (await MakeWaitingPacksAsync()).Should().Be(0);
        // One started as often as it may be and never finished (it stopped its instance each time) is not tried again.
        await db.EvidencePacks.Where(p => p.Id == busy).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClaimedAtUtc, DateTime.UtcNow.AddMinutes(-10)).SetProperty(p => p.Attempts, EvidencePackWork.MaxAttempts));
        (await MakeWaitingPacksAsync()).Should().Be(0);
        (await db.EvidencePacks.AsNoTracking().SingleAsync(p => p.Id == busy)).Should().Match<EvidencePack>(p => p.Status == PackStatus.Failed && p.Error!.Contains("never finished"));
        await db.EvidencePacks.Where(p => p.Id == busy).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task The_records_zip_has_a_manifest_with_each_files_hash_and_no_word_of_any_case()
    {
        var (id, _, _) = await ReadyPackAsync(app.DirectorClient);
        var zip = await (await app.DirectorClient.GetAsync($"/packs/{id}?handler=Records")).Content.ReadAsByteArrayAsync();
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        archive.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("audit/", StringComparison.Ordinal))
            .Should().BeEquivalentTo("policy-versions-in-scope.csv", "policy-acknowledgements.csv", "training-completions.csv", "third-party-incidents.csv", "action-plan.csv", "audit-log-extract.csv", "manifest.csv");
        var manifest = new StreamReader(archive.GetEntry("manifest.csv")!.Open()).ReadToEnd();
        foreach (var entry in archive.Entries.Where(e => e.Name != "manifest.csv"))
        {
            using var s = entry.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            manifest.Should().Contain($"{entry.FullName},{Convert.ToHexStringLower(SHA256.HashData(copy.ToArray()))},");
            var content = System.Text.Encoding.UTF8.GetString(copy.ToArray());
            foreach (var canary in new[] { PackApp.ReportCanary, PackApp.ReporterName, PackApp.NoteCanary, "Staffer" }) content.Should().NotContain(canary);
        }
        // The audit extract holds the entries about the evidence, never those about cases or incidents.
        var audit = new StreamReader(archive.GetEntry("audit-log-extract.csv")!.Open()).ReadToEnd();
        audit.Should().Contain(",RiskAssessment,").And.NotContain(",Case,").And.NotContain("case.").And.NotContain(",Account,");
        // Incidents are counted by quarter through the same rule, never a row each.
        new StreamReader(archive.GetEntry("third-party-incidents.csv")!.Open()).ReadToEnd().Should().StartWith("quarter,");
        var training = new StreamReader(archive.GetEntry("training-completions.csv")!.Open()).ReadToEnd();
        training.Should().Contain($"{PackApp.CourseTitle},{app.Today.AddMonths(-1):yyyy-MM-dd},1,,Recorded");
    }

    [Fact]
    public async Task A_pack_carries_the_checkpoint_before_it_with_the_time_stamping_authoritys_token_which_openssl_accepts()
    {
        // The first pack's own entry is anchored at once, and the authority vouches for that checkpoint before the job ends.
        var (first, _, _) = await ReadyPackAsync(app.DirectorClient);
        var checkpoints = Path.Combine(app.DataDirectory, "anchor", "checkpoints");
        var stamped = Directory.GetFiles(checkpoints, "*.tsr").Select(Path.GetFileNameWithoutExtension).ToList();
        stamped.Should().NotBeEmpty();
        var packCheckpoint = Auditing.Checkpoints.Written(app.Services).Last(c => c.Reason == "evidence pack");
        stamped.Should().Contain(n => n!.EndsWith($"-{packCheckpoint.Sequence}", StringComparison.Ordinal));
        (await app.WithServiceAsync<AuditVerifier, AuditVerification>(v => v.VerifyAsync())).TimeStamped.Should().Contain("time-stamped by");
        Html.Text(await app.DirectorClient.GetPageAsync("/audit")).Should().Contain("Newest checkpoint vouched for by a time-stamping authority outside this installation: entry")
            .And.Contain(Compliance.Testing.OpensslTimeStampAuthority.Name);

        // The next pack names that checkpoint (or a later one) and carries its statement, key and token.
        var (second, _, text) = await ReadyPackAsync(app.DirectorClient);
        second.Should().NotBe(first);
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
        text.Should().Contain("The latest signed checkpoint before this pack: entry").And.Contain("vouched that the checkpoint existed, by").And.NotContain("its certificate not checked");
        var zip = await (await app.DirectorClient.GetAsync($"/packs/{second}?handler=Records")).Content.ReadAsByteArrayAsync();
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        var token = archive.Entries.Should().ContainSingle(e => e.FullName.StartsWith("audit/") && e.Name.EndsWith(".tsr")).Which;
        var name = token.FullName[..^".tsr".Length];
        archive.Entries.Select(e => e.FullName).Should().Contain([name + ".json", name + ".statement.txt", "audit/checkpoint-signing-key.pub.pem"]);
        var folder = Directory.CreateDirectory(Path.Combine(app.DataDirectory, "unzipped-" + second)).FullName;
        System.IO.Compression.ZipFileExtensions.ExtractToDirectory(archive, folder);
        var manifest = await File.ReadAllTextAsync(Path.Combine(folder, "manifest.csv"));
        manifest.Should().Contain($"{token.FullName},{Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(folder, token.FullName))))},");
        var (code, output) = app.Authority.Verify(Path.Combine(folder, name + ".statement.txt"), Path.Combine(folder, token.FullName));
        output.Should().Contain("Verification: OK");
        code.Should().Be(0);
        // The statement is the checkpoint's own, as kept beside it.
        var kept = System.Text.Json.JsonSerializer.Deserialize<AuditCheckpoint>(await File.ReadAllTextAsync(Path.Combine(folder, name + ".json")))!;
        (await File.ReadAllTextAsync(Path.Combine(folder, name + ".statement.txt"))).Should().Be(kept.Signed);
        text.Should().Contain($"The latest signed checkpoint before this pack: entry {kept.Sequence:N0}").And.Contain($"It is in the records ZIP as {name}.json,");
    }
}
