using Compliance.Core.Scoring;

namespace Compliance.Web.Pages.Position.Actions;

/// <summary>The fields of one action in a form (the new-action page, and each action row of a sign-off).</summary>
public sealed class PlanActionForm
{
    public string? Step { get; set; }
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public string? DueDate { get; set; }

    public PlanActionInput ToInput() => new(Step, Description, Owner, DueDate);
}

/// <summary>What the shared partial needs to draw one action's fields under a name prefix.</summary>
public sealed record PlanActionFields(string Prefix, PlanActionForm Form, string Legend, bool Optional);
