namespace Compliance.Core.Training;

/// <summary>Who a course is for. Sites and departments name which ones; the rest are flags on the person or their staff account.</summary>
public enum CourseAudience
{
    Everyone = 1,
    Managers = 2,
    CustomerFacing = 3,
    /// <summary>People whose work email is that of an active staff account holding the case handler role.</summary>
    CaseHandlers = 4,
    Sites = 5,
    Departments = 6,
    LoneWorkers = 7,
    NightWorkers = 8,
}

/// <summary>What a content version covers, from the guidance's list of what training should include (DOMAIN.md, step 5).</summary>
[Flags]
public enum TrainingTopics
{
    None = 0,
    Recognising = 1,
    TargetOrWitness = 2,
    Bystander = 4,
    HandlingComplaints = 8,
    ThirdParties = 16,
}

public static class TrainingLabels
{
    public static readonly IReadOnlyList<(TrainingTopics Topic, string Label)> Topics =
    [
        (TrainingTopics.Recognising, "Recognising sexual harassment"),
        (TrainingTopics.TargetOrWitness, "What to do as a target or a witness"),
        (TrainingTopics.Bystander, "Bystander intervention"),
        (TrainingTopics.HandlingComplaints, "Handling complaints"),
        (TrainingTopics.ThirdParties, "Harassment by third parties"),
    ];

    public static readonly TrainingTopics AllTopics = Topics.Aggregate(TrainingTopics.None, (all, t) => all | t.Topic);

    public static string Label(this CourseAudience audience) => audience switch
    {
        CourseAudience.Everyone => "Everyone",
        CourseAudience.Managers => "Managers",
        CourseAudience.CustomerFacing => "Customer-facing staff",
        CourseAudience.CaseHandlers => "Case handlers and investigators",
        CourseAudience.Sites => "Chosen sites",
        CourseAudience.Departments => "Chosen departments",
        CourseAudience.LoneWorkers => "Lone workers",
        CourseAudience.NightWorkers => "Night workers",
        _ => audience.ToString(),
    };

    public static string Describe(TrainingTopics topics)
    {
        var names = Topics.Where(t => topics.HasFlag(t.Topic)).Select(t => t.Label).ToList();
        return names.Count == 0 ? "None recorded" : string.Join("; ", names);
    }
}

/// <summary>
/// A course people must take and keep current: who it is for, how often it must be refreshed, how long a joiner
/// has, whether only a pass counts, and its content versions (what was taught, from when).
/// </summary>
public sealed class Course
{
    public const int MaxCodeLength = 40;
    public const int MaxTitleLength = 200;
    public const int MaxProviderLength = 200;
    public const int MaxWhereLength = 500;
    public const int MaxActivityIdLength = 500;

    private readonly List<CourseVersion> _versions = [];

    private Course() { }

    public Course(CourseSettings settings, DateTime nowUtc)
    {
        Id = RecordId.New();
        CreatedAtUtc = nowUtc;
        Apply(settings, nowUtc);
    }

    public Guid Id { get; private set; }

    /// <summary>A short code unique to the course, used by import files and the API (e.g. SH-ALL).</summary>
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Provider { get; private set; }

    /// <summary>Where to take it (an address or a place), said in reminders.</summary>
    public string? WhereToTake { get; private set; }
    public CourseAudience Audience { get; private set; }
    public Guid[] AudienceIds { get; private set; } = [];
    public int RefreshMonths { get; private set; }
    public int JoinerDays { get; private set; }
    public bool RequiresPass { get; private set; }

    /// <summary>The xAPI activity id (object.id) a learning record store sends for it, if any.</summary>
    public string? ActivityId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public IReadOnlyList<CourseVersion> Versions => _versions;

    public void Apply(CourseSettings s, DateTime nowUtc)
    {
        Code = s.Code;
        Title = s.Title;
        Provider = s.Provider;
        WhereToTake = s.WhereToTake;
        Audience = s.Audience;
        AudienceIds = s.Audience is CourseAudience.Sites or CourseAudience.Departments ? s.AudienceIds : [];
        RefreshMonths = s.RefreshMonths;
        JoinerDays = s.JoinerDays;
        RequiresPass = s.RequiresPass;
        ActivityId = s.ActivityId;
        UpdatedAtUtc = nowUtc;
    }

    public CourseVersion AddVersion(DateOnly effectiveFrom, string summary, TrainingTopics topics, string byName, DateTime nowUtc)
    {
        var version = new CourseVersion(Id, _versions.Count == 0 ? 1 : _versions.Max(v => v.Number) + 1, effectiveFrom, summary, topics, byName, nowUtc);
        _versions.Add(version);
        return version;
    }

    /// <summary>The content version in use on a day: the latest to take effect on or before it.</summary>
    public CourseVersion? VersionOn(DateOnly day) =>
        _versions.Where(v => v.EffectiveFrom <= day).OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Number).FirstOrDefault();

    public TrainingRules.CourseRules Rules => new(RefreshMonths, JoinerDays, RequiresPass);
}

/// <summary>What HR sets on a course, checked by <see cref="CourseWork"/>.</summary>
public sealed record CourseSettings(string Code, string Title, string? Provider, string? WhereToTake, CourseAudience Audience, Guid[] AudienceIds,
    int RefreshMonths, int JoinerDays, bool RequiresPass, string? ActivityId);

/// <summary>What was taught from a date: never changed once recorded, so a completion can say what it covered.</summary>
public sealed class CourseVersion
{
    public const int MaxSummaryLength = 2000;

    private CourseVersion() { }

    internal CourseVersion(Guid courseId, int number, DateOnly effectiveFrom, string summary, TrainingTopics topics, string byName, DateTime nowUtc)
    {
        Id = RecordId.New();
        CourseId = courseId;
        Number = number;
        EffectiveFrom = effectiveFrom;
        Summary = summary;
        Topics = topics;
        CreatedByName = byName;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public int Number { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public string Summary { get; private set; } = "";
    public TrainingTopics Topics { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
}
