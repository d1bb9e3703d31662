"""Choosing and grouping items for one `/// news` block."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mkdocs_scholar.news.model import NewsItem, tag_slug


def select(
    items: Sequence[NewsItem],
    *,
    limit: int | None = None,
    tags: Iterable[str] = (),
    years: Iterable[int] = (),
) -> list[NewsItem]:
    """The items a block shows, in the order given (`load_news` gives newest first).

    Args:
        items: All items.
        limit: At most this many, taken after filtering; None for all.
        tags: Keep items with at least one of these tags; compared in slug form, so
            "Machine Learning" matches "machine-learning". Empty: no tag filter.
        years: Keep items from these years. Empty: no year filter.
    """
    wanted_tags = {tag_slug(tag) for tag in tags}
    wanted_years = set(years)
    chosen = [
        item
        for item in items
        if (not wanted_tags or wanted_tags.intersection(slug for slug, _ in item.tag_pairs))
        and (not wanted_years or item.date.year in wanted_years)
    ]
    if limit is not None:
        chosen = chosen[: max(limit, 0)]
    return chosen


def group_by_year(items: Iterable[NewsItem]) -> list[tuple[int, list[NewsItem]]]:
    """(year, items of that year) in order of each year's first appearance; items keep their order."""
    groups: dict[int, list[NewsItem]] = {}
    for item in items:
        groups.setdefault(item.date.year, []).append(item)
    return list(groups.items())


def all_tags(items: Iterable[NewsItem]) -> list[str]:
    """Every tag once (first spelling seen wins), most used first, then alphabetically.

    The filter bar shows these; most-used first keeps the useful chips within reach on a phone.
    """
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for item in items:
        for slug, label in item.tag_pairs:
            labels.setdefault(slug, label)
            counts[slug] = counts.get(slug, 0) + 1
    order = sorted(counts, key=lambda slug: (-counts[slug], labels[slug].casefold()))
    return [labels[slug] for slug in order]
