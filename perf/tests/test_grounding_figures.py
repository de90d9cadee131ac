"""The honesty check on figures: a date, count, unit, number format, multiplier, sum of money,
label or ratio a claim states must be stated by the entries it cites; the items it flags are
the claim's own text. Plain functions on plain data, no database."""

import datetime

import pytest

from .claim_check import check

D = datetime.date


def test_an_entrys_date_is_no_evidence_for_a_count():
    entry = "Migrated the remaining services to the new deploy pipeline"

    assert check("Migrated 14 services", entry, date=D(2025, 7, 14)) == ["14"]
    assert check("Migrated 7 services", entry, date=D(2025, 7, 14)) == ["7"]


@pytest.mark.parametrize(
    "written",
    ["2026-03-04", "March 4", "March 4th", "4 March", "Mar 4", "4 марта", "04.03", "04.03.2026"],
)
def test_an_entrys_date_supports_the_same_date_in_any_form(written):
    assert check(f"Shipped the checklist on {written}", "Shipped the checklist",
                 date=D(2026, 3, 4)) == []  # fmt: skip


def test_a_wrong_date_is_flagged_as_written():
    entry = "Shipped the checklist"

    assert check("Shipped the checklist on March 14", entry, date=D(2026, 3, 4)) == ["March 14"]
    assert check("Выкатил чеклист 4 апреля", entry, date=D(2026, 3, 4)) == ["4 апреля"]
    assert check("Shipped it on 2025-03-04", entry, date=D(2026, 3, 4)) == ["2025-03-04"]


def test_a_date_in_an_entrys_text_counts_and_a_month_is_checked_too():
    entry = "Agreed with ops to do the cutover on 2026-03-14"

    assert check("Agreed the March 14 cutover", entry, date=D(2026, 3, 10)) == []
    assert check("Agreed the cutover in March", entry, date=D(2026, 3, 10)) == []
    assert check("В феврале согласовал переключение", entry, date=D(2026, 3, 10)) == ["феврале"]


def test_a_percentage_is_not_milliseconds():
    assert check("Cut p95 by 40 ms", "p95 down 40%") == ["40 ms"]
    assert check("Ускорил выгрузку на 40 мс", "Ускорил выгрузку на 40%") == ["40 мс"]
    assert check("Cut p95 by 40%", "p95 down 40%") == []


@pytest.mark.parametrize(
    ("claim", "entry"),
    [
        ("CI time down to 8 min", "Cut CI from 20 to 8 minutes"),
        ("CI took 20 min before", "Cut CI from 20 to 8 minutes"),
        ("Время CI 8 мин", "Сократил время CI с 20 до 8 минут"),
        ("Page load 1.9 s", "Page load from 4.2 seconds to 1.9 seconds"),
        ("Холодный старт 3 сек", "Холодный старт с 7 с до 3 с"),
        ("Build takes 3100 ms", "Build step takes 3.1 s"),
        ("Onboarding takes 1.5 hours", "Onboarding takes 90 minutes"),
        ("Образ весит 380 МБ", "Docker image is 380 MB"),
        ("Выгрузка идёт 2 ч", "Выгрузка теперь идёт 2 часа"),
    ],
)
def test_units_have_synonyms_and_convert(claim, entry):
    assert check(claim, entry) == []


def test_a_bare_number_in_an_entry_supports_only_a_bare_number():
    assert check("Reviewed 3 PRs", "Reviewed 3 PRs for payments") == []
    assert check("Lag was 40 s", "lag went 40 → 2") == ["40 s"]


@pytest.mark.parametrize(
    ("claim", "entry"),
    [
        ("Backfilled 1,500 invoices", "Backfilled 1500 invoices"),
        ("Backfilled 1500 invoices", "Backfilled 1 500 invoices"),
        ("Backfilled 1\u00a0500 invoices", "Backfilled 1,500 invoices"),
        ("Холодный старт 3,5 с", "Cold start 3.5 s"),
        ("Cold start 3.5 s", "Холодный старт 3,5 с"),
        ("Held 12k requests per minute", "Held 12,000 requests per minute"),
        ("Сэкономил 120 000 ₽", "Экономия 120 тыс. ₽"),
    ],
)
def test_number_formats_are_one_number(claim, entry):
    assert check(claim, entry) == []


@pytest.mark.parametrize("written", ["×2", "x2", "2x", "2×", "twice as fast", "в 2 раза", "вдвое"])
def test_a_multiplier_is_read_in_any_form(written):
    assert check(f"Made the endpoint {written}", "the endpoint is now 2x faster") == []


def test_an_inflated_multiplier_is_flagged():
    assert check("Made the endpoint 5x faster", "the endpoint is now 2x faster") == ["5x"]
    assert check("Ускорил запрос в 10 раз", "Индекс ускорил запрос в 3 раза") == ["10 раз"]


def test_money_keeps_its_currency_and_its_rate():
    entry = "Negotiated the renewal down to $1,500/month"

    assert check("Renewal down to $1,500 a month", entry) == []
    assert check("Renewal down to €1,500 a month", entry) == ["€1,500 a month"]
    assert check("Renewal down to $1,500 a week", entry) == ["$1,500 a week"]
    assert check("Saved $1,800", "Downsized the cluster from 12 to 6 nodes") == ["$1,800"]


def test_an_approximate_or_bounded_figure_is_read_as_such():
    entry = "Answered 1,240 support tickets; the job went from 47 min to 12 min"

    assert check("Answered over 1,000 tickets", entry) == []
    assert check("Answered over 5,000 tickets", entry) == ["5,000"]
    assert check("The job went from about 45 minutes to 12", entry) == []
    assert check("The job went from about 60 minutes to 12", entry) == ["60 minutes"]


@pytest.mark.parametrize("label", ["p95", "PG16", "v4.2", "prod-7", "S3", "E2E", "k8s", "OAuth2"])
def test_labels_are_names_not_amounts(label):
    assert check(f"Moved it to {label}", f"moved it to {label} last week") == []
    assert check(f"Moved it to {label}", "moved it last week") == [label]


def test_digits_of_a_label_are_no_evidence_for_a_count():
    assert check("Fixed 95 alerts", "p95 alerts fixed") == ["95"]
    assert check("Upgraded to PG16", "Upgraded the DB to PG15") == ["PG16"]


@pytest.mark.parametrize(
    ("claim", "entry"),
    [
        ("Halved the build time, from 10 to 5 minutes", "Build time from 10 min to 5 min"),
        ("Doubled throughput", "Throughput 500 → 1000 rows/s"),
        ("Made the page 3× faster", "Page load from 1.2 s to 0.4 s"),
        ("Ускорил сборку вдвое", "Сборка теперь 5 минут вместо 10"),
        ("Сократил время отклика в 3 раза", "Время отклика с 900 мс до 300 мс"),
        ("Cut p95 by 40%, from 500 to 300 ms", "p95 from 500 ms to 300 ms"),
        ("Grew signups by 25%, from 400 to 500", "Weekly signups 400 → 500"),
        ("3x faster", "p95 was 900 ms, now 300 ms"),
    ],
)
def test_a_ratio_rests_on_the_two_figures_it_comes_from(claim, entry):
    assert check(claim, entry) == []


def test_a_ratio_the_figures_do_not_give_is_flagged():
    assert check("Halved the deploy time", "Deploy time from 30 min to 20 min") == ["Halved"]
    assert check("Ускорил отчёты вдвое", "Отчёты строятся за 6 секунд вместо 9") == ["вдвое"]
    assert check("Made search 4× faster", "Search from 800 ms to 400 ms") == ["4×"]
    # 30 → 20 is a 33% cut; 20 → 30 would be a 50% rise, but the range says which way.
    assert check("Cut it by 50%, from 30 to 20 min", "Deploy from 30 min to 20 min") == ["50%"]
    # A percentage alone is no ratio: "95% faster" may be 95% less time or 20 times the speed.
    assert check("Billing got 95% faster", "lag from 40 s to 2 s") == ["95%"]


def test_items_are_the_claims_own_text_in_order_without_duplicates():
    claim = "On 2026-03-14 cut lag to 40 ms with Priya; Priya says 40 ms"

    items = check(claim, "cut lag to 40%", date=D(2026, 3, 4))

    assert items == ["2026-03-14", "40 ms", "Priya"]
    assert all(item in claim for item in items)


def test_an_empty_claim_has_nothing_unsupported():
    assert check("   ", "anything") == []
