using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Compliance.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class RiskFactorLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "risk_factors",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    suggested_controls = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    is_built_in = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    signal = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_factors", x => x.code);
                });

            migrationBuilder.InsertData(
                table: "risk_factors",
                columns: new[] { "code", "explanation", "is_built_in", "signal", "sort_order", "source", "suggested_controls", "title" },
                values: new object[,]
                {
                    { "AFTER-WORK", "Informal socialising between colleagues can carry work relationships into settings with no supervision.", true, 0, 170, "Other published guidance on harassment risk assessment", "Make clear that harassment connected with work is covered wherever it happens; act on reports about after-work conduct.", "Socialising after work" },
                    { "ALCOHOL", "Where alcohol is served or drunk, inhibitions fall and harassment by customers and colleagues rises.", true, 0, 50, "EHRC technical guidance on sexual harassment (risk factors)", "Refuse service and remove customers who harass staff; door staff at busy times; rules on drinking at work events.", "Alcohol" },
                    { "BANTER", "Where sexual jokes and comments are treated as normal, people who object are told to laugh it off and serious harassment is missed.", true, 0, 100, "EHRC technical guidance on sexual harassment (risk factors)", "Managers challenge it every time; training with examples of where banter becomes harassment; ask staff in surveys.", "A \"banter\" culture" },
                    { "CLIENTS-ALONE", "Home visits, one-to-one appointments and meetings off site leave staff without support.", true, 0, 120, "Acas guidance for employers on preventing sexual harassment", "Tell someone where you are and when you expect to finish; meet in public or in pairs where there is a known risk; a way to leave.", "Meeting clients or service users alone" },
                    { "CLOSE-CONTACT", "Work that involves touching, undressing or close contact can be used to harass, and makes it harder to tell.", true, 0, 200, "Other published guidance on harassment risk assessment", "Clear procedures for close-contact tasks; chaperones where appropriate; how to refuse a task safely.", "Personal care or close physical contact" },
                    { "CONFERENCES", "Events away from the usual workplace, often with alcohol and overnight stays.", true, 0, 160, "Other published guidance on harassment risk assessment", "Brief attendees on the policy; a named lead for each event; a way to report during the event.", "Off-site conferences and training" },
                    { "CROWDING", "Crowded spaces give cover for unwanted touching.", true, 0, 210, "Other published guidance on harassment risk assessment", "Manage numbers; staff positioned to see; act on reports of touching in crowds.", "Crowding" },
                    { "CUSTOMER", "Staff who deal with customers, clients, patients or the public can be harassed by people the employer does not manage.", true, 3, 60, "EHRC technical guidance on sexual harassment (risk factors)", "Notices that harassment of staff is not tolerated; a warning and banning process; staff may stop serving someone; log every incident.", "Customer-facing work" },
                    { "DIVERSITY", "Where one group dominates, for example a male-dominated team, others can be isolated and behaviour can go unchallenged.", true, 0, 80, "EHRC technical guidance on sexual harassment (risk factors)", "Mixed recruitment and promotion panels; mentoring and peer support; ask under-represented staff about their experience.", "Lack of diversity in the workforce" },
                    { "GROUP-BOOKINGS", "Large groups, such as stag and hen parties, are linked with more harassment of staff.", true, 0, 230, "Other published guidance on harassment risk assessment", "Ask about the group when taking the booking; brief the group on conduct; extra staff and a manager present.", "Large group bookings" },
                    { "HANDOVERS", "Handovers leave gaps when cover is thin and information about difficult customers can be lost.", true, 0, 240, "Other published guidance on harassment risk assessment", "Pass on incidents and banned customers at every handover; overlap shifts where risk is high.", "Shift handovers" },
                    { "HOURS-CONTROL", "Where a manager decides who gets hours, tips or bonuses, people may put up with harassment to keep them.", true, 0, 250, "Other published guidance on harassment risk assessment", "Transparent rules for allocating hours and incentives; a second person reviews allocations; reporting routes outside the line.", "Managers' control over hours and incentives" },
                    { "INSECURE", "Zero-hours, agency, fixed-term, probationary and contractor staff may fear losing work if they complain.", true, 4, 20, "EHRC technical guidance on sexual harassment (risk factors)", "Tell temporary and agency staff how to report on their first day; agree with agencies who handles a complaint; monitor whether insecure staff report at all.", "Job insecurity" },
                    { "LIGHTING", "Dark corridors, car parks and back rooms make harassment easier and leaving harder.", true, 0, 220, "Other published guidance on harassment risk assessment", "Survey lighting; fix dark spots; avoid sending staff alone to badly lit areas.", "Poor lighting" },
                    { "LONE", "People who work alone have nobody to witness, intervene or help, and may feel unable to leave.", true, 1, 30, "EHRC technical guidance on sexual harassment (risk factors)", "Check-in calls; personal alarms; a way to summon help; avoid lone working with customers who have behaved badly before.", "Lone working" },
                    { "MESSAGING", "Group chats, direct messages and social media can carry harassment outside working hours.", true, 0, 180, "Other published guidance on harassment risk assessment", "A social-media and messaging policy linked to the harassment policy; reports about messages are taken as seriously as in person.", "Staff messaging and social media" },
                    { "NIGHT", "Fewer managers and colleagues are around, and travel to and from work is less safe.", true, 2, 40, "EHRC technical guidance on sexual harassment (risk factors)", "A named manager on call; safe transport home; the reporting route works at night; lighting in car parks and entrances.", "Night or out-of-hours work" },
                    { "POLICY", "Without a clear policy people do not know what is unacceptable, how to report, or what will happen.", true, 0, 110, "EHRC technical guidance on sexual harassment (risk factors)", "A policy every worker has read and acknowledged; regular review; managers trained to apply it.", "Weak or missing policies" },
                    { "POWER", "Some people control others' hours, pay, shifts, promotion or references, which makes it harder to object or report.", true, 0, 10, "EHRC technical guidance on sexual harassment (risk factors)", "Check decisions on shifts and pay by a second person; several reporting routes that bypass the line manager; tell staff that reports about senior people are welcome.", "Power imbalances" },
                    { "RELATIONSHIPS", "Relationships between colleagues, especially where one manages the other, can lead to pressure and to harassment when they end.", true, 0, 190, "Other published guidance on harassment risk assessment", "A policy on declaring relationships with a manager in the reporting line; move line management where needed.", "Workplace relationships" },
                    { "SECONDMENT", "Seconded staff work away from their own managers and may not know whom to tell.", true, 0, 90, "EHRC technical guidance on sexual harassment (risk factors)", "Agree with the host who handles a complaint; give secondees the reporting routes of both organisations.", "Secondments" },
                    { "SOCIAL", "Parties and after-work drinks mix alcohol, hierarchy and a relaxed atmosphere.", true, 0, 130, "Acas guidance for employers on preventing sexual harassment", "Remind staff before events that the policy applies; a named manager who stays sober and in charge; safe transport home; a finish time.", "Work social events" },
                    { "TENSIONS", "Some events, such as major sporting fixtures or political events, are followed by more harassment.", true, 0, 70, "EHRC technical guidance on sexual harassment (risk factors)", "Plan extra cover and management presence on those days; brief staff beforehand; watch the incident log afterwards.", "Events that raise local or national tensions" },
                    { "TRAVEL", "Shared travel, hotels and evenings away from home blur the line between work and private time.", true, 0, 140, "Acas guidance for employers on preventing sexual harassment", "Separate rooms; no meetings in bedrooms; a contact to call at any hour; the policy covers trips.", "Work travel and overnight stays" },
                    { "VULNERABLE", "Young workers, apprentices, disabled staff, and those new to the UK or the job are targeted more and report less.", true, 0, 150, "Acas guidance for employers on preventing sexual harassment", "A named person to go to; check in with them; make reporting easy to understand; extra care with rotas that leave them alone.", "Staff who may be more vulnerable" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "risk_factors");
        }
    }
}
