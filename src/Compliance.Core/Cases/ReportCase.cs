namespace Compliance.Core.Cases;

/// <summary>A change to a case that its rules refuse, with the field to point at.</summary>
public sealed class CaseRuleException(string message, string field = "") : RuleException(message, field);

/// <summary>
/// A report and the case made of it. Only categories, dates and states are readable here; every word the
/// reporter or a handler writes is in <see cref="CaseEntry"/>, sealed with the case's own data key, which is
/// kept here wrapped by the master key. The id is random (not time-ordered) and only the date of receipt is
/// kept, so that nothing tells when a reporter was at a keyboard.
/// </summary>
public sealed class ReportCase
{
    private ReportCase()
    {
    }

    public ReportCase(string reference, byte[] keyHash, byte[] wrappedDataKey, ReportingMode mode, ReporterRole role, IncidentPlace place,
        Guid? siteId, InvolvedParties involved, Answer stillHappening, bool feelsUnsafe, DateOnly receivedOn, CaseFlags flags)
    {
        Id = RecordId.Undated();
        Reference = reference;
        KeyHash = keyHash;
        WrappedDataKey = wrappedDataKey;
        Mode = mode;
        ReporterRole = role;
        Place = place;
        SiteId = siteId;
        Involved = involved;
        StillHappening = stillHappening;
        FeelsUnsafe = feelsUnsafe;
        ReceivedOn = receivedOn;
        Flags = flags;
        State = CaseState.Received;
        ReporterActivityUnread = true;
    }

    public Guid Id { get; private set; }
    public string Reference { get; private set; } = "";
    public byte[] KeyHash { get; private set; } = [];
    public byte[] WrappedDataKey { get; private set; } = [];
    public ReportingMode Mode { get; private set; }
    public ReporterRole ReporterRole { get; private set; }
    public IncidentPlace Place { get; private set; }
    public Guid? SiteId { get; private set; }
    public InvolvedParties Involved { get; private set; }
    public Answer StillHappening { get; private set; }
    public bool FeelsUnsafe { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public CaseState State { get; private set; }
    public DateOnly? AcknowledgedOn { get; private set; }
    public DateOnly? TriagedOn { get; private set; }
    public Urgency? Urgency { get; private set; }
    public VictimisationRisk? VictimisationRisk { get; private set; }
    public CaseFlags Flags { get; private set; }
    public CaseRoute? Route { get; private set; }
    public CaseOutcome? Outcome { get; private set; }
    public DateOnly? OutcomeOn { get; private set; }
    public DateOnly? AppealLodgedOn { get; private set; }
    public AppealResult? AppealResult { get; private set; }
    public DateOnly? AppealDecidedOn { get; private set; }
    public DateOnly? FeedbackGivenOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public List<DateOnly> CheckInDates { get; private set; } = [];
    public int CheckInsSent { get; private set; }
    public bool? RiskAssessmentChangeNeeded { get; private set; }
    public bool? PolicyChangeNeeded { get; private set; }
    public Guid? ThirdPartyIncidentId { get; private set; }
    public bool LegalHold { get; private set; }

    /// <summary>The reporter has written since a handler last opened the case.</summary>
    public bool ReporterActivityUnread { get; private set; }

    /// <summary>
    /// A confidential reporter's email address for "a message is waiting" notices, sealed with the case's key;
    /// null unless they asked for it. Never used for anything else.
    /// </summary>
    public byte[]? SealedReplyAddress { get; private set; }

    public void AskForReplyNotices(byte[] sealedAddress)
    {
        if (Mode != ReportingMode.Confidential) throw new CaseRuleException("Only a confidential report can ask to be told by email.", "NotifyByEmail");
        SealedReplyAddress = sealedAddress;
    }

    /// <summary>Places or lifts a legal hold: a case under hold is never purged, whatever its age.</summary>
    public void SetLegalHold(bool on)
    {
        if (LegalHold == on) throw new CaseRuleException(on ? "The case is already under legal hold." : "The case is not under legal hold.");
        LegalHold = on;
    }

    public bool IsOpen => State != CaseState.Closed;

    public bool HasOutcome => Outcome is not null;

    /// <summary>The reporter may write while the case is open, and after closure once a check-in has asked them to.</summary>
    public bool ReporterMayWrite => IsOpen || CheckInsSent > 0;

    public void Acknowledge(DateOnly today)
    {
        if (State != CaseState.Received) throw new CaseRuleException("This case has already been acknowledged.");
        State = CaseState.Acknowledged;
        AcknowledgedOn = today;
    }

    public void Triage(DateOnly today, Urgency urgency, VictimisationRisk risk, CaseFlags flags)
    {
        if (State == CaseState.Received) throw new CaseRuleException("Acknowledge the report before triage.");
        if (State != CaseState.Acknowledged) throw new CaseRuleException("This case has already been triaged.");
        State = CaseState.Triaged;
        TriagedOn = today;
        Urgency = urgency;
        VictimisationRisk = risk;
        Flags = flags;
    }

    public void ChooseRoute(CaseRoute route)
    {
        var allowed = State == CaseState.Triaged || (State == CaseState.InformalResolution && route == CaseRoute.FormalInvestigation);
        if (!allowed)
        {
            throw new CaseRuleException(State < CaseState.Triaged
                ? "Triage the case before choosing how to deal with it."
                : "The route can only be chosen after triage, or changed from informal to formal before an outcome.", "Route");
        }
        Route = route;
        State = route == CaseRoute.Informal ? CaseState.InformalResolution : CaseState.Investigation;
    }

    public void RecordOutcome(DateOnly today, CaseOutcome outcome)
    {
        if (State < CaseState.Triaged) throw new CaseRuleException("An outcome can only be recorded after triage.", "Outcome");
        if (State > CaseState.Investigation) throw new CaseRuleException("An outcome has already been recorded; an appeal can change it.", "Outcome");
        Outcome = outcome;
        OutcomeOn = today;
        State = CaseState.OutcomeRecorded;
    }

    public void LodgeAppeal(DateOnly today)
    {
        if (State != CaseState.OutcomeRecorded) throw new CaseRuleException("An appeal can only be lodged against a recorded outcome of an open case.");
        if (AppealLodgedOn is not null) throw new CaseRuleException("This case has already had an appeal.");
        AppealLodgedOn = today;
        State = CaseState.Appealed;
    }

    public void DecideAppeal(DateOnly today, AppealResult result, CaseOutcome? newOutcome)
    {
        if (State != CaseState.Appealed) throw new CaseRuleException("There is no appeal to decide.");
        if (result == Cases.AppealResult.Upheld && newOutcome is null) throw new CaseRuleException("Choose the outcome that replaces the original one.", "NewOutcome");
        AppealResult = result;
        AppealDecidedOn = today;
        if (result == Cases.AppealResult.Upheld) Outcome = newOutcome;
        State = CaseState.OutcomeRecorded;
    }

    public void Close(DateOnly today, IEnumerable<int> checkInMonths, bool riskAssessmentChangeNeeded, bool policyChangeNeeded)
    {
        if (State == CaseState.Closed) throw new CaseRuleException("This case is already closed.");
        if (State == CaseState.Appealed) throw new CaseRuleException("Decide the appeal before closing the case.");
        if (!HasOutcome) throw new CaseRuleException("Record an outcome before closing the case.");
        State = CaseState.Closed;
        ClosedOn = today;
        CheckInDates = [.. checkInMonths.Where(m => m > 0).Order().Select(m => today.AddMonths(m))];
        RiskAssessmentChangeNeeded = riskAssessmentChangeNeeded;
        PolicyChangeNeeded = policyChangeNeeded;
    }

    /// <summary>Checks that a handler may write this kind of message to the reporter now.</summary>
    public void EnsureHandlerMayMessage(EntryKind kind)
    {
        if (kind == EntryKind.CheckIn && IsOpen) throw new CaseRuleException("Check-ins are sent after the case is closed; send an ordinary message instead.", "Message");
        if (kind != EntryKind.CheckIn && !IsOpen) throw new CaseRuleException("The case is closed: only check-ins can be sent to the reporter now.", "Message");
    }

    public void MessageSent(DateOnly today, EntryKind kind, bool givesFeedback)
    {
        EnsureHandlerMayMessage(kind);
        if (kind == EntryKind.CheckIn) CheckInsSent++;
        if (givesFeedback) FeedbackGivenOn ??= today;
    }

    public void ReporterWrote()
    {
        if (!ReporterMayWrite) throw new CaseRuleException("This case is closed, so it cannot take new messages.", "Message");
        ReporterActivityUnread = true;
    }

    public void OpenedByHandler() => ReporterActivityUnread = false;

    public void LinkIncident(Guid incidentId) => ThirdPartyIncidentId = incidentId;
}

/// <summary>One line of a case's history: its body is sealed with the case's data key, bound to this entry's id.</summary>
public sealed class CaseEntry
{
    private CaseEntry()
    {
    }

    public CaseEntry(Guid caseId, EntryKind kind, bool fromReporter, bool visibleToReporter, DateOnly writtenOn, DateTime? writtenAtUtc, Guid? authorId, string? authorName)
    {
        Id = RecordId.Undated();
        CaseId = caseId;
        Kind = kind;
        FromReporter = fromReporter;
        VisibleToReporter = visibleToReporter;
        WrittenOn = writtenOn;
        WrittenAtUtc = writtenAtUtc;
        AuthorId = authorId;
        AuthorName = authorName;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public EntryKind Kind { get; private set; }
    public bool FromReporter { get; private set; }
    public bool VisibleToReporter { get; private set; }
    public DateOnly WrittenOn { get; private set; }

    /// <summary>The moment a handler wrote it; never kept for what the reporter writes.</summary>
    public DateTime? WrittenAtUtc { get; private set; }

    public Guid? AuthorId { get; private set; }
    public string? AuthorName { get; private set; }
    public byte[] Body { get; internal set; } = [];

    /// <summary>
    /// Its place in the case's conversation, from 1, given as it is saved (<see cref="Data.ComplianceDbContext"/>):
    /// the conversation is ordered by it, never by when anything was written or by where the row sits in the file.
    /// </summary>
    public int Number { get; internal set; }
}

/// <summary>An attachment: its bytes are sealed in a file the server names, its original name sealed here.</summary>
public sealed class CaseFile
{
    private CaseFile()
    {
    }

    public CaseFile(Guid caseId, AttachmentKind kind, long sizeBytes, DateOnly addedOn, bool fromReporter)
    {
        Id = RecordId.Undated();
        CaseId = caseId;
        StoredName = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        Kind = kind;
        SizeBytes = sizeBytes;
        AddedOn = addedOn;
        FromReporter = fromReporter;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string StoredName { get; private set; } = "";
    public AttachmentKind Kind { get; private set; }
    public long SizeBytes { get; private set; }
    public DateOnly AddedOn { get; private set; }
    public bool FromReporter { get; private set; }
    public byte[] SealedName { get; internal set; } = [];

    /// <summary>SHA-256 of the file exactly as it arrived, kept as evidence; null for files kept before this was recorded.</summary>
    public string? OriginalSha256 { get; private set; }

    /// <summary>Whether a copy without the maker's metadata is kept beside the original, for handlers to open.</summary>
    public bool HasCleanCopy { get; private set; }

    /// <summary>Why no clean copy could be made, for the handler: open the original with care.</summary>
    public string? CleanProblem { get; private set; }

    internal void Received(string originalSha256, bool hasCleanCopy, string? cleanProblem)
    {
        OriginalSha256 = originalSha256;
        HasCleanCopy = hasCleanCopy;
        CleanProblem = cleanProblem;
    }
}

/// <summary>A case handler given a case.</summary>
public sealed class CaseAssignment
{
    private CaseAssignment()
    {
    }

    public CaseAssignment(Guid caseId, Guid userId, DateTime assignedAtUtc, string assignedBy)
    {
        CaseId = caseId;
        UserId = userId;
        AssignedAtUtc = assignedAtUtc;
        AssignedBy = assignedBy;
    }

    public Guid CaseId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime AssignedAtUtc { get; private set; }
    public string AssignedBy { get; private set; } = "";
}

/// <summary>A handler kept out of a case: named by the reporter, named in it, or with a declared conflict.</summary>
public sealed class CaseExclusion
{
    private CaseExclusion()
    {
    }

    public CaseExclusion(Guid caseId, Guid userId, ExclusionReason reason, DateOnly recordedOn)
    {
        CaseId = caseId;
        UserId = userId;
        Reason = reason;
        RecordedOn = recordedOn;
    }

    public Guid CaseId { get; private set; }
    public Guid UserId { get; private set; }
    public ExclusionReason Reason { get; private set; }
    public DateOnly RecordedOn { get; private set; }
}
