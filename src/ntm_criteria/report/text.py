"""Readable accounts of evaluations, decisions and plans, in English or Vietnamese.

Explanations are built from the structured results on demand, never stored, so an evaluation
costs nothing extra until somebody reads it. Every word comes from the message catalogue
(:mod:`ntm_criteria.messages`); names, ids and sources are the data's own.
"""

from __future__ import annotations

from decimal import Decimal

from ntm_criteria.certification import Decision
from ntm_criteria.engine.results import (
    Caveat,
    CaveatKind,
    CriterionResult,
    Evaluation,
    IndicatorResult,
    Status,
    VerdictBasis,
)
from ntm_criteria.messages import CATALOGUE, LANGS, money, say
from ntm_criteria.model.requirements import requirement
from ntm_criteria.planning.commune import CommunePlan
from ntm_criteria.planning.district import DistrictPlan
from ntm_criteria.planning.tasks import Action

#: The word of each status, in each language.
STATUS_WORDS = {lang: {s: say(f"status.{s.value}", lang) for s in Status} for lang in LANGS}


def caveat_text(caveat: Caveat, lang: str = "en") -> str:
    """The caveat as one sentence in ``lang``."""
    _check(lang)
    if lang == "en":
        return caveat.message
    if caveat.message_vi is not None:
        return caveat.message_vi
    year = f", {caveat.year}" if caveat.year is not None else ""
    return say(
        f"caveat.{caveat.kind.value}",
        lang,
        message=caveat.message,
        indicator=caveat.indicator,
        zone=caveat.zone,
        year=year,
        criterion=caveat.criterion,
        note=caveat.note,
    )


def _check(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")


def _fmt(value: object, lang: str) -> str:
    """A measured value or level: yes/no as Đạt / Chưa đạt, numbers in ``lang``'s separators."""
    if value is True or value is False:
        return say("achieved" if value else "not_achieved", lang)
    return say("explain.any", lang, value=value)


def _indicator_line(r: IndicatorResult, lang: str, depth: int) -> list[str]:
    name = r.indicator.name_en if lang == "en" else r.indicator.name_vi
    pad = "    " * depth
    head = f"{pad}{r.id} {name}: {STATUS_WORDS[lang][r.status]}"
    if r.parts:
        lines = [head]
        for p in r.parts:
            lines.extend(_indicator_line(p, lang, depth + 1))
        return lines
    bits = [
        say("explain.value", lang, value=_fmt(r.value, lang))
        if r.value is not None
        else say("explain.novalue", lang)
    ]
    cell = r.threshold
    if cell is not None and cell.value is not None:
        bits.append(
            say(
                "explain.level",
                lang,
                op=requirement(r.indicator.kind).symbol,
                level=_fmt(cell.value, lang),
            )
        )
        bits.append(say("explain.source", lang, status=say(f"evidence.{cell.status.value}", lang)))
        if cell.layer:
            bits.append(say("explain.layer", lang, layer=cell.layer))
    elif cell is not None and cell.applies:
        bits.append(say("explain.nolevel", lang))
    if r.margin is not None:
        bits.append(say("explain.margin", lang, margin=r.margin))
    return [f"{head} ({'; '.join(bits)})"]


def _criterion_lines(c: CriterionResult, lang: str) -> list[str]:
    name = c.criterion.name_en if lang == "en" else c.criterion.name_vi
    declared = say("explain.declared", lang) if c.basis is VerdictBasis.DECLARED else ""
    lines = [f"  {c.id}. {name}: {STATUS_WORDS[lang][c.status]}{declared}"]
    for r in c.indicators:
        lines.extend(_indicator_line(r, lang, 2))
    return lines


def explain_evaluation(e: Evaluation, lang: str = "en") -> str:
    """The whole evaluation as text: headline, every criterion and indicator, the caveats."""
    _check(lang)
    s = e.criteria_set
    lines = [
        say(
            "explain.head",
            lang,
            commune=e.assessment.commune.name,
            score=e.score,
            set=s.id,
            instrument=s.instrument,
            zone=e.zone,
            year=e.year,
        ),
        say("explain.zone", lang, reason=_zone_reason(e, lang)),
    ]
    if e.unmet_criteria:
        lines.append(say("explain.unmet", lang, ids=", ".join(map(str, e.unmet_criteria))))
    if e.unknown_criteria:
        lines.append(say("explain.unknown", lang, ids=", ".join(map(str, e.unknown_criteria))))
    for c in e.criteria:
        lines.extend(_criterion_lines(c, lang))
    everything = e.all_caveats()
    caveats = [cv for cv in everything if cv.kind is not CaveatKind.UNVERIFIED_DEFINITION]
    if caveats:
        lines.append(say("explain.caveats", lang))
        lines.extend(_caveat_line(cv, lang) for cv in caveats)
    wording = [cv.indicator for cv in everything if cv.kind is CaveatKind.UNVERIFIED_DEFINITION]
    if wording:
        lines.append(
            say("explain.wording", lang, ids=", ".join(dict.fromkeys(str(i) for i in wording)))
        )
    return "\n".join(lines)


def _caveat_line(cv: Caveat, lang: str) -> str:
    """A caveat as an item of the explanation, with the sources of the figure it names."""
    shown = (CaveatKind.PROVISIONAL_THRESHOLD, CaveatKind.SET_RULE, CaveatKind.PROVISIONAL_RULE)
    sources = ""
    if cv.source and cv.kind in shown:
        sources = f" ({say('explain.sources', lang, urls=', '.join(cv.source))})"
    return f"  - {caveat_text(cv, lang)}{sources}"


def _zone_reason(e: Evaluation, lang: str) -> str:
    applied = [cv for cv in e.caveats if cv.kind is CaveatKind.OVERRIDE_APPLIED]
    if applied:
        return caveat_text(applied[-1], lang)
    return say("explain.own_zone", lang, zone=e.zone)


def outcome_label(d: Decision, lang: str = "en") -> str:
    """The outcome as a word; a hypothetical one always says so, and CERTIFIED is never bare
    when it rests on provisional figures or declarations:
    ``CERTIFIED (hypothetical (what-if); 3 provisional figure(s))``."""
    _check(lang)
    bits = []
    if d.what_if_cells:
        bits.append(say("qualifier.hypothetical", lang))
    if any(c.kind is CaveatKind.OUT_OF_PERIOD for c in d.caveats):
        bits.append(say("qualifier.retrospective", lang))
    if d.certified and d.provisional_figures:
        bits.append(say("qualifier.provisional", lang, n=d.provisional_figures))
    if d.certified and d.declared_criteria:
        bits.append(say("qualifier.declared", lang, n=d.declared_criteria))
    word = say(f"outcome.{d.outcome.value}", lang)
    return f"{word} ({'; '.join(bits)})" if bits else word


def explain_decision(d: Decision, lang: str = "en") -> str:
    """A certification decision as text."""
    _check(lang)
    e = d.evaluation
    lines = [
        say(
            "explain.decision",
            lang,
            commune=e.assessment.commune.name,
            outcome=outcome_label(d, lang),
            instrument=e.criteria_set.recognition.instrument,
            set=e.criteria_set.id,
        )
    ]
    for r in d.conditions:
        lines.append(
            f"  - {r.condition.id}: {STATUS_WORDS[lang][r.status]} ({r.message.text(lang)})"
        )
    if d.missing_inputs:
        lines.append(say("explain.missing", lang))
        for m in d.missing_inputs:
            blocks = ", ".join(_blocked(b, lang) for b in m.blocks)
            lines.append(f"  - {say(f'missing.{m.what}', lang)} {m.id}: {blocks}")
    resting = [
        c
        for c in d.caveats
        if c.kind
        in (CaveatKind.PROVISIONAL_THRESHOLD, CaveatKind.DECLARED, CaveatKind.PROVISIONAL_RULE)
    ]
    if resting:
        lines.append(say("explain.rests", lang, n=len(resting)))
    return "\n".join(lines)


def _blocked(what: str, lang: str) -> str:
    """ "criterion 9" or "condition registered_in_plan" in ``lang``."""
    kind, _, ref = what.partition(" ")
    if kind == "criterion":
        return say("target.criterion", lang, criterion=ref)
    if kind == "condition":
        return say("target.condition", lang, condition=ref)
    return what


def _solver(name: str, lang: str) -> str:
    key = f"solver.{name}"
    return say(key, lang) if key in CATALOGUE else name


def _slow(plan: CommunePlan) -> str:
    return ", ".join(map(str, plan.critical_path)) or "-"


def target_name(action: Action, lang: str) -> str:
    """What an action closes, in ``lang``: an indicator id, or "tiêu chí 9"."""
    if action.gap.is_criterion_level:
        return say("target.criterion", lang, criterion=action.criterion)
    return action.target


def explain_commune_plan(plan: CommunePlan, lang: str = "en") -> str:
    """A commune's plan as text: verdict, each action and why, money by year."""
    _check(lang)
    unit = plan.unit
    lines = [
        say(
            "plan.head",
            lang,
            commune=plan.commune,
            score=plan.evaluation.score,
            strategy=say(f"strategyname.{plan.strategy.value}", lang),
            start=plan.start,
            deadline=plan.deadline,
        )
    ]
    if plan.feasible:
        lines.append(
            say(
                "plan.certifiable",
                lang,
                year=plan.certifiable_year,
                total=money(plan.total, unit, lang),
                slow=_slow(plan),
            )
        )
        if not plan.optimal:
            lines.append(say("plan.unproven", lang))
    else:
        lines.append(say("plan.infeasible", lang))
        if not plan.optimal:
            lines.append(say("plan.unproven_infeasible", lang))
        if plan.shortfall is not None:
            lines.append(f"  {plan.shortfall.detail.text(lang)}")
    for a in plan.actions:
        lines.append(
            say(
                "plan.action",
                lang,
                start=a.start,
                finish=a.finish,
                target=target_name(a, lang),
                money=money(a.money, unit, lang),
                why=a.why.text(lang),
            )
        )
    for year, spent in sorted(plan.cost_by_year.items()):
        lines.append(say("plan.year", lang, year=year, money=money(spent, unit, lang)))
    lines.extend(say("plan.note", lang, note=n.text(lang)) for n in plan.notes)
    return "\n".join(lines)


def explain_district_plan(plan: DistrictPlan, lang: str = "en") -> str:
    """A district plan as text: the target, commune by commune, the money by year."""
    _check(lang)
    unit = plan.unit
    lines = [
        say(
            "district.target",
            lang,
            target=plan.target,
            deadline=plan.deadline,
            certified=len(plan.already_certified),
            names=", ".join(plan.already_certified) or "-",
        )
    ]
    if plan.feasible:
        proof = (
            say("district.proven", lang, solver=_solver(plan.solver, lang))
            if plan.optimal
            else say("district.unproven", lang)
        )
        lines.append(
            say(
                "district.plan",
                lang,
                n=len(plan.communes),
                total=money(plan.total, unit, lang),
                proof=proof,
            )
        )
    elif not plan.optimal:
        lines.append(say("district.no_plan", lang, solver=_solver(plan.solver, lang), extra="plan"))
    else:
        lines.append(say("district.unreachable", lang, n=plan.reachable, deadline=plan.deadline))
        if plan.budget_needed is not None:
            lines.append(
                say("district.budget_needed", lang, money=money(plan.budget_needed, unit, lang))
            )
    for p in plan.communes:
        lines.append(
            say(
                "district.commune",
                lang,
                commune=p.commune,
                score=p.evaluation.score,
                year=p.certifiable_year,
                total=money(p.total, unit, lang),
                slow=_slow(p),
            )
        )
        lines.extend(
            say(
                "district.action",
                lang,
                start=a.start,
                finish=a.finish,
                target=target_name(a, lang),
                money=money(a.money, unit, lang),
                why=a.why.text(lang),
            )
            for a in p.actions
        )
    for u in plan.upkeep:
        lines.append(
            say(
                "district.upkeep",
                lang,
                commune=u.commune,
                criterion=u.criterion,
                money=money(u.money_per_year, unit, lang),
                why=u.why,
            )
        )
    for name, why in plan.excluded:
        lines.append(say("district.excluded", lang, commune=name, why=why.text(lang)))
    for year, spent in sorted(plan.cost_by_year.items()):
        budget = plan.budget.get(year, Decimal(0))
        lines.append(
            say(
                "district.year",
                lang,
                year=year,
                money=money(spent, unit, lang),
                budget=money(budget, unit, lang),
            )
        )
    return "\n".join(lines)


def explain(result: Evaluation | Decision | CommunePlan | DistrictPlan, lang: str = "en") -> str:
    """A readable account of ``result`` in English (``"en"``) or Vietnamese (``"vi"``).

    An evaluation: every verdict with its value, threshold and source. A decision: the
    outcome, each condition, the missing inputs and what it rests on. A commune or district
    plan: each action, when, what it costs and why.

    Raises:
        ValueError: ``lang`` is not ``"en"`` or ``"vi"``.
        TypeError: ``result`` is none of these.
    """
    if isinstance(result, Decision):
        return explain_decision(result, lang)
    if isinstance(result, Evaluation):
        return explain_evaluation(result, lang)
    if isinstance(result, CommunePlan):
        return explain_commune_plan(result, lang)
    if isinstance(result, DistrictPlan):
        return explain_district_plan(result, lang)
    raise TypeError(
        "expected an Evaluation, a Decision, a CommunePlan or a DistrictPlan, got "
        f"{type(result).__name__}"
    )
