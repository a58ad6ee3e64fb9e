"""Where the figures come from, as every page's header and footer say it: the simulated part
(the badge), the as-of line and the source."""
from __future__ import annotations

from data import queries
from data.i18n import t


def page_chrome(store, lang: str) -> dict:
    """simulated, as_of and source for a page in `lang`: the keyword arguments of every page
    builder's header and footer. The simulated part is read once for all three."""
    part = store.simulated_part()
    return dict(simulated=part, as_of=as_of_text(store, lang, part), source=source_text(part, lang))


def as_of_text(store, lang: str, part) -> str:
    """The latest year and the date of the newest active batch."""
    years = queries.years(store)
    active = [b for b in store.batches() if b.status == "active"]
    date = max(b.created_at for b in active).date().isoformat() if active else "—"
    key = "asof.simulated" if part and part.whole else "asof.real"
    return t(key, lang, year=max(years) if years else "—", date=date)


def source_text(part, lang: str) -> str:
    """The footer's source: real reports, simulated data, or which years are partly simulated."""
    if not part:
        return t("footer.source_real", lang)
    if part.whole:
        return t("footer.source_simulated", lang)
    years = [t("badge.year_simulated", lang, year=y, simulated=s, total=n)
             for y, (s, n) in sorted(part.by_year.items())]
    return t("footer.source_mixed", lang, years=t("list.sep", lang).join(years))
