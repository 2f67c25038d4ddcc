using Compliance.Core.Employees;
using Compliance.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Compliance.Core.Data;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.ToTable("courses");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Code).HasMaxLength(Course.MaxCodeLength);
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Title).HasMaxLength(Course.MaxTitleLength);
        b.Property(c => c.Provider).HasMaxLength(Course.MaxProviderLength);
        b.Property(c => c.WhereToTake).HasMaxLength(Course.MaxWhereLength);
        b.Property(c => c.ActivityId).HasMaxLength(Course.MaxActivityIdLength);
        b.HasIndex(c => c.ActivityId).IsUnique();
        b.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(c => c.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(c => c.Rules);
    }
}

internal sealed class CourseVersionConfiguration : IEntityTypeConfiguration<CourseVersion>
{
    public void Configure(EntityTypeBuilder<CourseVersion> b)
    {
        b.ToTable("course_versions");
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.Summary).HasMaxLength(CourseVersion.MaxSummaryLength);
        b.Property(v => v.CreatedByName).HasMaxLength(200);
        b.HasIndex(v => new { v.CourseId, v.Number }).IsUnique();
    }
}

internal sealed class TrainingCompletionConfiguration : IEntityTypeConfiguration<TrainingCompletion>
{
    public void Configure(EntityTypeBuilder<TrainingCompletion> b)
    {
        b.ToTable("training_completions");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Score).HasPrecision(5, 2);
        b.Property(c => c.SourceDetail).HasMaxLength(TrainingCompletion.MaxSourceDetailLength);
        b.Property(c => c.RecordedByName).HasMaxLength(200);
        b.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CourseVersion>().WithMany().HasForeignKey(c => c.CourseVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employee>().WithMany().HasForeignKey(c => c.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        // One completion per person, course and day. The coverage reads each person's last date for a course from it,
        // in order and without the table (a course that needs a pass reads the few rows of each person too). One index
        // where a second one with the pass in it was measured slower to write (docs/benchmarks.md).
        b.HasIndex(c => new { c.CourseId, c.EmployeeId, c.CompletedOn }).IsUnique();
    }
}

internal sealed class TrainingReminderConfiguration : IEntityTypeConfiguration<TrainingReminder>
{
    public void Configure(EntityTypeBuilder<TrainingReminder> b)
    {
        b.ToTable("training_reminders");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Kind).HasMaxLength(40);
        b.HasOne<Course>().WithMany().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employee>().WithMany().HasForeignKey(r => r.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        // Each reminder once.
        b.HasIndex(r => new { r.CourseId, r.EmployeeId, r.Kind, r.AboutOn }).IsUnique();
    }
}
