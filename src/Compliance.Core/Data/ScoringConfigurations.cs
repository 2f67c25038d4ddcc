using Compliance.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

internal sealed class LegalProvisionConfiguration : IEntityTypeConfiguration<LegalProvision>
{
    public void Configure(EntityTypeBuilder<LegalProvision> b)
    {
        b.ToTable("legal_provisions");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Key).HasMaxLength(50);
        b.HasIndex(p => p.Key).IsUnique();
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Meaning).HasMaxLength(1000);
        b.Property(p => p.Source).HasMaxLength(500);
        b.Property(p => p.Note).HasMaxLength(LegalProvision.MaxNoteLength);
        b.Property(p => p.ChangedByName).HasMaxLength(200);
        // Every installation starts with the law as it stood in November 2026; administrators keep it current.
        b.HasData(LegalProvision.Defaults);
    }
}

internal sealed class BoardSignOffConfiguration : IEntityTypeConfiguration<BoardSignOff>
{
    public void Configure(EntityTypeBuilder<BoardSignOff> b)
    {
        b.ToTable("board_sign_offs");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Meeting).HasMaxLength(BoardSignOff.MaxMeetingLength);
        b.Property(s => s.Attendees).HasMaxLength(BoardSignOff.MaxAttendeesLength);
        b.Property(s => s.Decisions).HasMaxLength(BoardSignOff.MaxDecisionsLength);
        b.Property(s => s.SignedByName).HasMaxLength(200);
        // Step 8 reads the last review on or before a day.
        b.HasIndex(s => s.ReviewedOn);
    }
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> b)
    {
        b.ToTable("plan_actions");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Description).HasMaxLength(PlanAction.MaxDescriptionLength);
        b.Property(a => a.Owner).HasMaxLength(PlanAction.MaxOwnerLength);
        b.Property(a => a.CreatedByName).HasMaxLength(200);
        b.Property(a => a.CompletionNote).HasMaxLength(PlanAction.MaxNoteLength);
        b.Property(a => a.EvidenceLink).HasMaxLength(PlanAction.MaxLinkLength);
        b.Property(a => a.EvidenceFileName).HasMaxLength(200);
        b.Property(a => a.EvidenceSha256).HasMaxLength(64);
        // The list and step 8 read by due date; a case closure or sign-off finds its own actions.
        b.HasIndex(a => a.DueDate);
        b.HasIndex(a => a.SourceId);
    }
}

internal sealed class PositionSnapshotConfiguration : IEntityTypeConfiguration<PositionSnapshot>
{
    public void Configure(EntityTypeBuilder<PositionSnapshot> b)
    {
        b.ToTable("position_snapshots");
        b.HasKey(s => new { s.Day, s.Step });
    }
}

internal sealed class ScoringSettingConfiguration : IEntityTypeConfiguration<ScoringSetting>
{
    public void Configure(EntityTypeBuilder<ScoringSetting> b)
    {
        b.ToTable("scoring_settings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Key).HasMaxLength(50);
        b.Property(s => s.Reason).HasMaxLength(ScoringSetting.MaxReasonLength);
        b.Property(s => s.ChangedByName).HasMaxLength(200);
    }
}

internal sealed class EngagementActivityConfiguration : IEntityTypeConfiguration<EngagementActivity>
{
    public void Configure(EntityTypeBuilder<EngagementActivity> b)
    {
        b.ToTable("engagement_activities");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Title).HasMaxLength(EngagementActivity.MaxTitleLength);
        b.Property(a => a.Audience).HasMaxLength(EngagementActivity.MaxAudienceLength);
        b.Property(a => a.Summary).HasMaxLength(EngagementActivity.MaxSummaryLength);
        b.Property(a => a.EvidenceLink).HasMaxLength(PlanAction.MaxLinkLength);
        b.Property(a => a.RecordedByName).HasMaxLength(200);
        b.HasIndex(a => a.HeldOn);
    }
}
