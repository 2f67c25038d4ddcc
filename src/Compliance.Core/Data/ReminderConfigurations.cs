using Compliance.Core.Jobs;
using Compliance.Core.Mail;
using Compliance.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

internal sealed class ReminderDeliveryConfiguration : IEntityTypeConfiguration<ReminderDelivery>
{
    public void Configure(EntityTypeBuilder<ReminderDelivery> b)
    {
        b.ToTable("reminder_deliveries");
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Kind).HasMaxLength(64);
        b.Property(d => d.Subject).HasMaxLength(64);
        // The exactly-once rule: one delivery per person, kind, subject and due date.
        b.HasIndex(d => new { d.RecipientId, d.Kind, d.Subject, d.DueOn }).IsUnique();
        b.HasIndex(d => d.Subject);
        b.HasOne<Accounts.ApplicationUser>().WithMany().HasForeignKey(d => d.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.Kind).HasMaxLength(64);
        b.Property(n => n.Subject).HasMaxLength(64);
        b.Property(n => n.Title).HasMaxLength(Notification.MaxTitleLength);
        b.Property(n => n.Path).HasMaxLength(300);
        b.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        b.HasIndex(n => n.Subject);
        b.HasOne<Accounts.ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.ToAddress).HasMaxLength(256);
        b.Property(m => m.ToName).HasMaxLength(200);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.Kind).HasMaxLength(64);
        b.Property(m => m.SubjectKey).HasMaxLength(64);
        b.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        b.Property(m => m.FileName).HasMaxLength(100);
        b.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        b.HasIndex(m => m.CreatedAtUtc);
        b.HasIndex(m => m.SubjectKey);
    }
}

internal sealed class MailSettingsConfiguration : IEntityTypeConfiguration<MailSettings>
{
    public void Configure(EntityTypeBuilder<MailSettings> b)
    {
        b.ToTable("mail_settings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Host).HasMaxLength(253);
        b.Property(s => s.UserName).HasMaxLength(200);
        b.Property(s => s.FromAddress).HasMaxLength(254);
        b.Property(s => s.FromName).HasMaxLength(100);
        b.Ignore(s => s.IsConfigured);
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("job_runs");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Job).HasMaxLength(100);
        b.Property(r => r.Instance).HasMaxLength(200);
        b.Property(r => r.Summary).HasMaxLength(JobRun.MaxSummaryLength);
        b.Ignore(r => r.Duration);
        b.HasIndex(r => new { r.Job, r.StartedAtUtc });
    }
}
