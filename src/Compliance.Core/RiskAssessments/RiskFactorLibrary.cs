namespace Compliance.Core.RiskAssessments;

/// <summary>
/// The risk factors the regulator and Acas name (DOMAIN.md §3), written for the people filling in an
/// assessment. Codes are stable: assessments refer to them, so a code is never reused or renamed.
/// </summary>
public static class RiskFactorLibrary
{
    public const string Ehrc = "EHRC technical guidance on sexual harassment (risk factors)";
    public const string Acas = "Acas guidance for employers on preventing sexual harassment";
    public const string Other = "Other published guidance on harassment risk assessment";

    public static readonly IReadOnlyList<RiskFactor> BuiltIn =
    [
        F("POWER", "Power imbalances", "Some people control others' hours, pay, shifts, promotion or references, which makes it harder to object or report.",
            "Check decisions on shifts and pay by a second person; several reporting routes that bypass the line manager; tell staff that reports about senior people are welcome.", Ehrc),
        F("INSECURE", "Job insecurity", "Zero-hours, agency, fixed-term, probationary and contractor staff may fear losing work if they complain.",
            "Tell temporary and agency staff how to report on their first day; agree with agencies who handles a complaint; monitor whether insecure staff report at all.", Ehrc, DirectorySignal.AgencyOrContractor),
        F("LONE", "Lone working", "People who work alone have nobody to witness, intervene or help, and may feel unable to leave.",
            "Check-in calls; personal alarms; a way to summon help; avoid lone working with customers who have behaved badly before.", Ehrc, DirectorySignal.LoneWorking),
        F("NIGHT", "Night or out-of-hours work", "Fewer managers and colleagues are around, and travel to and from work is less safe.",
            "A named manager on call; safe transport home; the reporting route works at night; lighting in car parks and entrances.", Ehrc, DirectorySignal.NightWorking),
        F("ALCOHOL", "Alcohol", "Where alcohol is served or drunk, inhibitions fall and harassment by customers and colleagues rises.",
            "Refuse service and remove customers who harass staff; door staff at busy times; rules on drinking at work events.", Ehrc),
        F("CUSTOMER", "Customer-facing work", "Staff who deal with customers, clients, patients or the public can be harassed by people the employer does not manage.",
            "Notices that harassment of staff is not tolerated; a warning and banning process; staff may stop serving someone; log every incident.", Ehrc, DirectorySignal.CustomerFacing),
        F("TENSIONS", "Events that raise local or national tensions", "Some events, such as major sporting fixtures or political events, are followed by more harassment.",
            "Plan extra cover and management presence on those days; brief staff beforehand; watch the incident log afterwards.", Ehrc),
        F("DIVERSITY", "Lack of diversity in the workforce", "Where one group dominates, for example a male-dominated team, others can be isolated and behaviour can go unchallenged.",
            "Mixed recruitment and promotion panels; mentoring and peer support; ask under-represented staff about their experience.", Ehrc),
        F("SECONDMENT", "Secondments", "Seconded staff work away from their own managers and may not know whom to tell.",
            "Agree with the host who handles a complaint; give secondees the reporting routes of both organisations.", Ehrc),
        F("BANTER", "A \"banter\" culture", "Where sexual jokes and comments are treated as normal, people who object are told to laugh it off and serious harassment is missed.",
            "Managers challenge it every time; training with examples of where banter becomes harassment; ask staff in surveys.", Ehrc),
        F("POLICY", "Weak or missing policies", "Without a clear policy people do not know what is unacceptable, how to report, or what will happen.",
            "A policy every worker has read and acknowledged; regular review; managers trained to apply it.", Ehrc),
        F("CLIENTS-ALONE", "Meeting clients or service users alone", "Home visits, one-to-one appointments and meetings off site leave staff without support.",
            "Tell someone where you are and when you expect to finish; meet in public or in pairs where there is a known risk; a way to leave.", Acas),
        F("SOCIAL", "Work social events", "Parties and after-work drinks mix alcohol, hierarchy and a relaxed atmosphere.",
            "Remind staff before events that the policy applies; a named manager who stays sober and in charge; safe transport home; a finish time.", Acas),
        F("TRAVEL", "Work travel and overnight stays", "Shared travel, hotels and evenings away from home blur the line between work and private time.",
            "Separate rooms; no meetings in bedrooms; a contact to call at any hour; the policy covers trips.", Acas),
        F("VULNERABLE", "Staff who may be more vulnerable", "Young workers, apprentices, disabled staff, and those new to the UK or the job are targeted more and report less.",
            "A named person to go to; check in with them; make reporting easy to understand; extra care with rotas that leave them alone.", Acas),
        F("CONFERENCES", "Off-site conferences and training", "Events away from the usual workplace, often with alcohol and overnight stays.",
            "Brief attendees on the policy; a named lead for each event; a way to report during the event.", Other),
        F("AFTER-WORK", "Socialising after work", "Informal socialising between colleagues can carry work relationships into settings with no supervision.",
            "Make clear that harassment connected with work is covered wherever it happens; act on reports about after-work conduct.", Other),
        F("MESSAGING", "Staff messaging and social media", "Group chats, direct messages and social media can carry harassment outside working hours.",
            "A social-media and messaging policy linked to the harassment policy; reports about messages are taken as seriously as in person.", Other),
        F("RELATIONSHIPS", "Workplace relationships", "Relationships between colleagues, especially where one manages the other, can lead to pressure and to harassment when they end.",
            "A policy on declaring relationships with a manager in the reporting line; move line management where needed.", Other),
        F("CLOSE-CONTACT", "Personal care or close physical contact", "Work that involves touching, undressing or close contact can be used to harass, and makes it harder to tell.",
            "Clear procedures for close-contact tasks; chaperones where appropriate; how to refuse a task safely.", Other),
        F("CROWDING", "Crowding", "Crowded spaces give cover for unwanted touching.",
            "Manage numbers; staff positioned to see; act on reports of touching in crowds.", Other),
        F("LIGHTING", "Poor lighting", "Dark corridors, car parks and back rooms make harassment easier and leaving harder.",
            "Survey lighting; fix dark spots; avoid sending staff alone to badly lit areas.", Other),
        F("GROUP-BOOKINGS", "Large group bookings", "Large groups, such as stag and hen parties, are linked with more harassment of staff.",
            "Ask about the group when taking the booking; brief the group on conduct; extra staff and a manager present.", Other),
        F("HANDOVERS", "Shift handovers", "Handovers leave gaps when cover is thin and information about difficult customers can be lost.",
            "Pass on incidents and banned customers at every handover; overlap shifts where risk is high.", Other),
        F("HOURS-CONTROL", "Managers' control over hours and incentives", "Where a manager decides who gets hours, tips or bonuses, people may put up with harassment to keep them.",
            "Transparent rules for allocating hours and incentives; a second person reviews allocations; reporting routes outside the line.", Other),
    ];

    private static int _order;

    private static RiskFactor F(string code, string title, string explanation, string controls, string source, DirectorySignal signal = DirectorySignal.None) =>
        new(code, title, explanation, controls, source, builtIn: true, sortOrder: ++_order * 10, signal);
}
