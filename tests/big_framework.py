"""A generated career framework the size of the ones companies publish (issue 14): 12 roles on an
IC track (IC1-IC7) and a manager track (M3-M7), 23 competencies in 5 groups (some for one track
only), ~60 behaviour statements per role, two rating scales with named points and two emoji in
competency names.

Deterministic: no randomness, only index arithmetic over fixed phrase banks, so the YAML text is
the same on every run and every Python. The benchmark (benchmarks/bench.py) and the tests use it:
`big_framework_yaml()` gives the text, `write_big_framework(folder)` writes it to a file.
"""

from __future__ import annotations

from pathlib import Path

import yaml

IC_TITLES = ["Software Engineer", "Software Engineer II", "Senior Software Engineer", "Staff Software Engineer",
             "Senior Staff Software Engineer", "Principal Software Engineer", "Senior Principal Software Engineer"]
MANAGER_TITLES = {3: "Engineering Manager", 4: "Senior Engineering Manager", 5: "Director of Engineering",
                  6: "Senior Director of Engineering", 7: "Vice President of Engineering"}

# Where a behaviour reaches at each level, per track (what makes a level's statement its own).
IC_REACH = {
    1: "with guidance from more senior engineers on the team",
    2: "within their own area of the team's codebase",
    3: "across the projects their team owns",
    4: "across a few closely related teams",
    5: "across a whole product area and its partners",
    6: "across several product areas of the organisation",
    7: "across the whole engineering organisation and the company",
}
MANAGER_REACH = {
    3: "within the team they manage",
    4: "across their teams and the teams they depend on",
    5: "across the teams of their organisation",
    6: "across several organisations and their leaders",
    7: "across the company and its leadership",
}

GROUPS = [
    ("results", "Results", "What gets delivered, and how well it is owned.", None),
    ("direction", "Direction", "Where the work is going, and how it adapts.", None),
    ("talent", "Talent", "How people grow, and how teams are built.", None),
    ("culture", "Culture", "How people work together.", None),
    ("craft", "Craft", "The technical skills of software engineering.", "ic"),
]

# Competencies: id, name, group, tracks (None: every track), and their phrase bank (each phrase
# a behaviour that a level's reach completes into a sentence). "scope" is a text, and the two
# ratings use named scales; they have no bank.
COMPETENCIES = [
    ("scope", "Scope", "results", None, None),
    ("impact", "Impact \U0001f3c6", "results", None, [
        "Delivers work that measurably moves the goals their team is accountable for",
        "Chooses what to work on by its expected value to customers rather than its novelty",
        "Ships in small increments so that results are visible and can be corrected early",
        "Measures the outcome of what they ship and reports it honestly, good or bad",
        "Cuts scope deliberately when a deadline matters more than completeness",
        "Turns vague requests into concrete outcomes that others can recognise and verify",
    ]),
    ("ownership", "Ownership", "results", None, [
        "Follows through on commitments and says early when one is at risk",
        "Owns mistakes openly, writes down what was learned and fixes the cause",
        "Takes responsibility for problems nobody owns until they have a clear owner",
        "Keeps the systems and documents they own in a state others can rely on",
        "Raises risks with a proposal for handling them rather than only the concern",
        "Treats the quality of a launch after release as part of finishing the work",
    ]),
    ("decisions", "Decision making", "results", None, [
        "Makes decisions with the data available and revisits them when new facts arrive",
        "Writes down the options considered and why one was chosen over the others",
        "Separates reversible decisions from irreversible ones and moves faster on the former",
        "Involves the people affected by a decision before it is made, not after",
        "Disagrees openly during a discussion and commits fully once a decision is taken",
        "Weighs long-term maintenance costs alongside the short-term benefits of a choice",
    ]),
    ("operations", "Operational excellence", "results", "mgmt", [
        "Sets clear service goals and reviews them with the teams that run the systems",
        "Makes sure every incident is followed by a blameless review and tracked actions",
        "Balances feature work against reliability work using agreed error budgets",
        "Keeps on-call rotations sustainable and fair for the engineers who carry them",
        "Plans capacity and budgets ahead of demand instead of reacting to outages",
        "Removes recurring operational toil by funding automation and clear ownership",
    ]),
    ("agility", "Agility", "direction", None, [
        "Adapts plans quickly when priorities change and explains the change to others",
        "Stays productive and calm when requirements are ambiguous or still moving",
        "Looks for the smallest experiment that would answer an open question",
        "Drops work that no longer serves the goal, even after investing in it",
        "Helps others adjust to change by making the new direction concrete",
        "Notices early when an approach is not working and proposes another",
    ]),
    ("innovation", "Innovation", "direction", None, [
        "Proposes new ideas that solve real problems for customers or engineers",
        "Questions established practice when there is evidence a better way exists",
        "Prototypes promising ideas cheaply before asking others to invest in them",
        "Learns from other teams and companies and brings back what would work here",
        "Creates room for others to try ideas and protects them from early criticism",
        "Turns successful experiments into practices that others adopt willingly",
    ]),
    ("strategy", "Strategy", "direction", None, [
        "Understands how their work connects to the goals of the business",
        "Writes plans that explain the problem, the options and the trade-offs chosen",
        "Anticipates technical and market changes that will affect the roadmap",
        "Aligns priorities with partner teams so that plans do not conflict",
        "Says no to work that does not serve the strategy and explains why",
        "Sets a direction that others can plan their own work against",
    ]),
    ("product", "Product sense", "direction", None, [
        "Understands who the customers are and what problem the work solves for them",
        "Uses research, data and feedback to shape what gets built and in what order",
        "Pushes back on features whose value to customers is not yet clear",
        "Considers accessibility, privacy and trust as part of every product decision",
        "Works with design and product partners from the first sketch, not at handover",
        "Spots opportunities in customer problems that nobody has framed yet",
    ]),
    ("growth", "Personal growth", "talent", None, [
        "Asks for feedback regularly and acts on it in a way others can see",
        "Sets learning goals each quarter and reviews progress with their manager",
        "Seeks out work that stretches their skills beyond what they already know",
        "Reflects on failures without defensiveness and shares what they learned",
        "Builds skills outside their speciality when the team needs them",
        "Knows their own strengths and blind spots and plans around both",
    ]),
    ("mentoring", "Mentoring", "talent", None, [
        "Helps newer colleagues get productive by answering questions patiently",
        "Gives code review comments that teach the reasoning, not only the fix",
        "Pairs with others on hard problems and lets them drive the solution",
        "Sponsors people for opportunities that would help them grow",
        "Shares knowledge through talks, guides and well-written documentation",
        "Recognises the work of others publicly and specifically",
    ]),
    ("team", "Team development", "talent", None, [
        "Contributes to a team where people feel safe to ask questions and admit mistakes",
        "Improves the way the team plans, reviews and ships its work",
        "Onboards new team members with a clear plan for their first months",
        "Helps the team agree on norms for code review, meetings and communication",
        "Identifies gaps in the skills of the team and plans how to fill them",
        "Builds a team that keeps working well when any one person is away",
    ]),
    ("hiring", "Hiring", "talent", "mgmt", [
        "Writes role descriptions that describe the work honestly and inclusively",
        "Runs structured interviews and calibrates the bar with other interviewers",
        "Builds diverse candidate pipelines instead of relying on referrals alone",
        "Closes strong candidates by explaining the work and the team truthfully",
        "Tracks hiring data to find and remove bias in the process",
        "Plans headcount against the roadmap and the growth of the organisation",
    ]),
    ("organisation", "Organisational design", "talent", "mgmt", None),
    ("collaboration", "Collaboration", "culture", None, [
        "Works well with engineers, designers and product managers toward shared goals",
        "Shares context generously so that others can make good decisions on their own",
        "Resolves disagreements directly and respectfully with the people involved",
        "Builds trust with partner teams by keeping promises and sharing credit",
        "Asks for help early instead of struggling alone on a blocked problem",
        "Makes it easy for other teams to use and contribute to their work",
    ]),
    ("inclusion", "Inclusion \U0001f308", "culture", None, [
        "Makes sure quieter voices are heard in meetings and design discussions",
        "Challenges exclusionary behaviour when they see it, even when it is uncomfortable",
        "Schedules and runs work so that people in other time zones can take part",
        "Uses inclusive language in code, documents and conversations",
        "Supports employee groups and initiatives with their time, not only words",
        "Examines their own decisions about people for bias and corrects it",
    ]),
    ("communication", "Communication", "culture", None, [
        "Writes clear design documents, updates and messages that fit their audience",
        "Explains technical trade-offs in terms that non-engineers can act on",
        "Listens carefully and checks understanding before responding",
        "Communicates bad news early, with facts and a plan for what happens next",
        "Presents work to larger groups in a structured and engaging way",
        "Keeps stakeholders informed without being asked for status",
    ]),
    ("feedback", "Feedback", "culture", None, [
        "Gives timely, specific feedback that helps others improve their work",
        "Receives critical feedback with curiosity rather than defensiveness",
        "Balances praise and criticism so that feedback stays credible",
        "Writes peer reviews that are fair, concrete and based on examples",
        "Creates regular occasions for the team to give each other feedback",
        "Follows up on feedback given to see whether it helped",
    ]),
    ("code", "Code quality", "craft", None, [
        "Writes code that is readable, well tested and easy for others to change",
        "Reviews code thoroughly and promptly, focusing on correctness and clarity",
        "Refactors code that slows the team down as part of regular feature work",
        "Sets and documents coding standards that others follow without enforcement",
        "Removes dead code, unused flags and stale dependencies before they cause harm",
        "Chooses simple solutions over clever ones unless the complexity pays for itself",
    ]),
    ("architecture", "Architecture", "craft", None, [
        "Designs components with clear interfaces and responsibilities",
        "Evaluates the scalability, security and cost of a design before building it",
        "Writes design reviews that others use as examples of good practice",
        "Leads the evolution of systems from their current state to a target design",
        "Identifies architectural risks early and plans their mitigation",
        "Makes build-or-buy decisions with a clear view of long-term ownership",
    ]),
    ("testing", "Testing", "craft", None, [
        "Writes automated tests that catch regressions before they reach customers",
        "Keeps test suites fast and reliable so that the team trusts their results",
        "Tests behaviour at the right level instead of duplicating checks everywhere",
        "Improves the testing infrastructure that other engineers depend on",
        "Uses fuzzing, load tests and fault injection where the risk justifies them",
        "Treats a flaky test as a bug to be fixed rather than a nuisance to retry",
    ]),
    ("reliability", "Reliability", "craft", None, [
        "Builds monitoring and alerts that detect real problems without constant noise",
        "Takes part in on-call duty and improves the runbooks they use",
        "Designs systems to degrade gracefully when their dependencies fail",
        "Leads the technical investigation of incidents and the fixes that follow",
        "Removes single points of failure before they cause an outage",
        "Plans migrations and launches with rollback paths and staged rollouts",
    ]),
    ("depth", "Technical depth", "craft", None, None),
]

SCALES = [
    ("depth", ["Learning", "Practising", "Fluent", "Skilled", "Expert", "Authority", "Pioneer"]),
    ("org-design", [("Observes", "Works within the structure they are given."),
                    ("Contributes", "Suggests changes to how their team is organised."),
                    ("Shapes", "Designs the structure of their own teams."),
                    ("Designs", "Designs the structure of an organisation of several teams."),
                    ("Transforms", "Reshapes organisations to fit the company's strategy.")]),
]

SCOPE_TEXT = {
    ("ic", 1): "Well-defined tasks within a feature, with close guidance on approach and priorities.",
    ("ic", 2): "Features of moderate size within a project, with guidance mainly on priorities.",
    ("ic", 3): "Projects of a team from design to launch, working independently through most ambiguity.",
    ("ic", 4): "Problems that span several teams, where the approach itself is often still unclear.",
    ("ic", 5): "A product area's hardest technical problems, setting their direction for a year or more.",
    ("ic", 6): "Technical direction across several product areas, with problems nobody has defined yet.",
    ("ic", 7): "The technical strategy of the company, shaping what engineering can achieve in years.",
    ("mgmt", 3): "One team of engineers and its delivery, with guidance on strategy from their manager.",
    ("mgmt", 4): "Several teams or a large team, setting their priorities with partner teams.",
    ("mgmt", 5): "An organisation of teams led by managers, accountable for a product area's results.",
    ("mgmt", 6): "Several organisations, setting their strategy and the structure that delivers it.",
    ("mgmt", 7): "Engineering across the company, accountable for its strategy, budget and culture.",
}

SUMMARY = {
    "ic": "Delivers engineering work {reach}, and grows the people and systems around them.",
    "mgmt": "Leads engineers {reach}, delivering results through healthy, growing teams.",
}


def _statements(bank: list[str], level: int, track: str, count: int, salt: int) -> list[str]:
    """`count` behaviours of a level: phrases from the bank chosen by the level (neighbouring
    levels share some, as real frameworks do), each completed by the level's reach."""
    reach = (IC_REACH if track == "ic" else MANAGER_REACH)[level]
    start = (2 * level + salt + (3 if track == "mgmt" else 0)) % len(bank)
    return [f"{bank[(start + k) % len(bank)]} {reach}." for k in range(count)]


def _role(track: str, level: int) -> dict:
    ic = track == "ic"
    role_id = f"ic{level}" if ic else f"m{level}"
    reach = (IC_REACH if ic else MANAGER_REACH)[level]
    values: dict = {}
    for salt, (dim_id, _name, group, tracks, bank) in enumerate(COMPETENCIES):
        group_tracks = next(g[3] for g in GROUPS if g[0] == group)
        if (tracks and tracks != track) or (group_tracks and group_tracks != track):
            continue
        if dim_id == "scope":
            values[dim_id] = SCOPE_TEXT[(track, level)]
        elif dim_id == "depth":
            values[dim_id] = SCALES[0][1][level - 1]
        elif dim_id == "organisation":
            values[dim_id] = level - 2
        else:
            # 60 statements in all: an IC has 18 lists of 3-4 (63), a manager 16 lists of 3-4.
            count = 4 if (salt + level) % (2 if ic else 4) else 3
            values[dim_id] = _statements(bank, level, track, count, salt)
    role: dict = {
        "id": role_id,
        "title": IC_TITLES[level - 1] if ic else MANAGER_TITLES[level],
        "short": f"IC{level}" if ic else f"M{level}",
        "level": level,
        "track": track,
        "summary": SUMMARY[track].format(reach=reach),
    }
    top = 7
    nxt = [f"{'ic' if ic else 'm'}{level + 1}"] if level < top else []
    if ic and level == 3:
        nxt.append("m3")  # the step onto the manager track, at the same level
    if nxt:
        role["next"] = nxt
    if ic:
        role["reports_to"] = f"m{max(3, min(7, level + 1))}"
    elif level < top:
        role["reports_to"] = f"m{level + 1}"
    role["dimensions"] = values
    return role


def big_framework() -> dict:
    """The framework as plain data (what big_framework_yaml writes)."""
    dimensions = []
    for dim_id, name, group, tracks, _bank in COMPETENCIES:
        dim: dict = {"id": dim_id, "name": name, "group": group}
        if dim_id == "depth":
            dim.update(kind="rating", scale="depth")
        elif dim_id == "organisation":
            dim.update(kind="rating", scale="org-design")
        if tracks:
            dim["tracks"] = tracks
        dimensions.append(dim)
    scales = [{"id": sid, "points": [p if isinstance(p, str) else {"name": p[0], "meaning": p[1]} for p in points]}
              for sid, points in SCALES]
    groups = []
    for gid, name, description, tracks in GROUPS:
        group = {"id": gid, "name": name, "description": description}
        if tracks:
            group["tracks"] = tracks
        groups.append(group)
    return {
        "schema": 2,
        "ladder": {
            "title": "Example Engineering Career Framework",
            "subtitle": "Software Engineer IC1\u2013IC7 and Engineering Manager M3\u2013M7",
            "organization": "Example Corp",
            "version": "2026.1",
            "intro": [{
                "heading": "How to read this framework",
                "body": "Each level lists the behaviours expected of it, competency by competency. "
                        "Levels describe sustained impact, not time served; a promotion recognises "
                        "behaviour that is already consistent at the next level.",
                "items": [g[1] + ": " + g[2] for g in GROUPS],
            }],
        },
        "tracks": [
            {"id": "ic", "name": "Software Engineer", "description": "Individual contributors, IC1 to IC7."},
            {"id": "mgmt", "name": "Engineering Manager", "description": "People leaders, M3 to M7."},
        ],
        "levels": [{"level": n, "track": "ic", "name": f"IC{n}"} for n in range(1, 8)]
        + [{"level": n, "track": "mgmt", "name": f"M{n}"} for n in range(3, 8)],
        "scales": scales,
        "groups": groups,
        "dimensions": dimensions,
        "roles": [_role("ic", n) for n in range(1, 8)] + [_role("mgmt", n) for n in range(3, 8)],
    }


def big_framework_yaml() -> str:
    """The framework as YAML text, the same on every run."""
    header = "# Generated by tests/big_framework.py (issue 14's big framework): do not edit.\n"
    return header + yaml.safe_dump(big_framework(), allow_unicode=True, sort_keys=False, width=100)


def write_big_framework(folder: Path | str, name: str = "big-framework.yaml") -> Path:
    path = Path(folder) / name
    path.write_text(big_framework_yaml(), encoding="utf-8")
    return path
