"""Claims checked against the entries they cite: planted inventions and faithful rewrites.

Plain data, read by perf/tests/test_grounding.py and bench/grounding.py. Each case has the
claim, its cited entries as (date, text), the user's known names (goal titles and tags),
and, for an invention, what was invented exactly as the claim writes it. A faithful
rewrite says only what its entries say, in other words or another format; a sceptical
reviewer would sign it.
"""

import datetime

D = datetime.date

INVENTIONS = [
    # --- English ---
    {
        "category": "count from the entry's date",
        "language": "en",
        "claim": "Migrated 14 services to the new deploy pipeline",
        "entries": [
            (
                D(2025, 7, 14),
                "Migrated the remaining services to the new deploy pipeline, retired the "
                "old Jenkins jobs",
            )
        ],
        "invented": ["14"],
    },
    {
        "category": "count from the entry's date",
        "language": "en",
        "claim": "Cut alert noise by muting 12 flapping disk alerts and merging a dedup rule",
        "entries": [
            (
                D(2026, 3, 12),
                "Alert noise cleanup done: muted the flapping disk alerts and merged the "
                "dedup rule",
            )
        ],
        "invented": ["12"],
    },
    {
        "category": "count from the entry's date",
        "language": "en",
        "claim": "Reviewed 10 PRs for the search team",
        "entries": [
            (D(2026, 3, 9), "Reviewed the indexer PRs for the search team"),
            (D(2026, 3, 10), "Reviewed the ranking PRs, left notes on the scoring change"),
        ],
        "invented": ["10"],
    },
    {
        "category": "changed unit",
        "language": "en",
        "claim": "Put a cache in front of the pricing call and cut /search p95 by 40 ms",
        "entries": [
            (
                D(2026, 2, 3),
                "Added a cache in front of the pricing call: p95 of /search down 40%",
            )
        ],
        "invented": ["40 ms"],
    },
    {
        "category": "changed unit",
        "language": "en",
        "claim": "Cut the build step from 9 min to 3.1 min by caching node_modules",
        "entries": [
            (D(2026, 4, 9), "Build step takes 3.1 s instead of 9 s since node_modules are cached")
        ],
        "invented": ["9 min", "3.1 min"],
    },
    {
        "category": "changed unit",
        "language": "en",
        "claim": "Reduced the ingest queue backlog from 2 GB to 300 KB",
        "entries": [(D(2026, 5, 21), "Reduced the ingest queue backlog from 2 GB to 300 MB")],
        "invented": ["300 KB"],
    },
    {
        "category": "invented team",
        "language": "en",
        "claim": "Ran the checkout outage review with the Payments team and wrote up 5 action "
        "items",
        "entries": [
            (
                D(2026, 1, 20),
                "Ran the incident review for the checkout outage, wrote up 5 action items",
            )
        ],
        "invented": ["Payments"],
    },
    {
        "category": "invented team",
        "language": "en",
        "claim": "Agreed the event format with the Growth team",
        "entries": [(D(2026, 2, 26), "Согласовал формат событий с аналитиками")],
        "invented": ["Growth"],
    },
    {
        "category": "invented person",
        "language": "en",
        "claim": "Paired with Oleg and Priya on the flaky login test, a race in the session "
        "fixture",
        "entries": [
            (
                D(2026, 2, 11),
                "Paired with Oleg on the flaky login test; root cause was a race in the "
                "session fixture",
            )
        ],
        "invented": ["Priya"],
    },
    {
        "category": "invented person",
        "language": "en",
        "claim": "Priya and I rewrote the CSV importer to stream rows instead of loading the "
        "whole file",
        "entries": [
            (D(2026, 3, 25), "Rewrote the CSV importer to stream rows instead of loading the file")
        ],
        "invented": ["Priya"],
    },
    {
        "category": "invented person",
        "language": "en",
        "claim": "Reviewed @dmitry's rate limiter design doc",
        "entries": [(D(2026, 3, 11), "Reviewed the rate limiter design doc")],
        "invented": ["@dmitry"],
    },
    {
        "category": "invented system",
        "language": "en",
        "claim": "Moved the nightly export job off cron onto Airflow",
        "entries": [
            (D(2026, 3, 2), "Moved the nightly export job off cron onto the queue workers")
        ],
        "invented": ["Airflow"],
    },
    {
        "category": "invented system",
        "language": "en",
        "claim": "Set up PagerDuty alerting on the billing consumer lag",
        "entries": [(D(2026, 5, 6), "Set up alerting on the billing consumer lag")],
        "invented": ["PagerDuty"],
    },
    {
        "category": "invented system",
        "language": "en",
        "claim": "Wrote the migration plan for moving the sessions table to DynamoDB",
        "entries": [(D(2026, 2, 27), "Wrote the migration plan for the sessions table")],
        "invented": ["DynamoDB"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Moved billing events to Kafka and cut their lag from 40 s to 0.5 s",
        "entries": [(D(2026, 3, 3), "Moved billing events to Kafka, lag from 40 s to 2 s")],
        "invented": ["0.5 s"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Interviewed 9 candidates for the backend role; 2 moved on to the onsite",
        "entries": [
            (D(2026, 2, 24), "Interviewed 6 candidates for the backend role, 2 moved to onsite")
        ],
        "invented": ["9"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Backfilled 15,000 invoices that missed the tax-rate change",
        "entries": [(D(2026, 4, 3), "Backfilled 1,500 invoices that missed the tax-rate change")],
        "invented": ["15,000"],
    },
    {
        "category": "invented percentage",
        "language": "en",
        "claim": "Rewrote the invoice PDF renderer, cutting timeouts on large accounts by 80%",
        "entries": [
            (
                D(2026, 4, 15),
                "Rewrote the invoice PDF renderer; it no longer times out on large accounts",
            )
        ],
        "invented": ["80%"],
    },
    {
        "category": "invented percentage",
        "language": "en",
        "claim": "Cut the test suite runtime by 50%, from 14 to 9 minutes, by splitting the "
        "slow integration tests",
        "entries": [
            (
                D(2026, 6, 2),
                "Test suite from 14 min to 9 min after splitting the slow integration tests",
            )
        ],
        "invented": ["50%"],
    },
    {
        "category": "invented percentage",
        "language": "en",
        "claim": "Grew the on-call rotation by 40% and ran its first retro",
        "entries": [
            (D(2026, 2, 5), "Added two engineers to the on-call rotation"),
            (D(2026, 2, 19), "Ran the first on-call retro"),
        ],
        "invented": ["40%"],
    },
    {
        "category": "wrong date",
        "language": "en",
        "claim": "Shipped the new onboarding checklist to all new hires on March 14",
        "entries": [(D(2026, 3, 4), "Shipped the new onboarding checklist to all new hires")],
        "invented": ["March 14"],
    },
    {
        "category": "wrong date",
        "language": "en",
        "claim": "Led the platform group's Q1 planning session on 2026-02-28",
        "entries": [(D(2026, 1, 28), "Led the Q1 planning session for the platform group")],
        "invented": ["2026-02-28"],
    },
    {
        "category": "wrong date",
        "language": "en",
        "claim": "Agreed the March 15 cutover with ops",
        "entries": [(D(2026, 3, 10), "Agreed with ops to do the cutover on 2026-03-14")],
        "invented": ["March 15"],
    },
    {
        "category": "inflated multiplier",
        "language": "en",
        "claim": "Made the dashboard endpoint 5x faster with a query planner fix",
        "entries": [(D(2026, 5, 19), "Query planner fix: the dashboard endpoint is now 2x faster")],
        "invented": ["5x"],
    },
    {
        "category": "inflated multiplier",
        "language": "en",
        "claim": "Made thumbnail generation 10× faster by moving it to a worker pool",
        "entries": [
            (
                D(2026, 3, 17),
                "Moved thumbnail generation to a worker pool, p95 from 1200 ms to 400 ms",
            )
        ],
        "invented": ["10×"],
    },
    {
        "category": "money",
        "language": "en",
        "claim": "Downsized the staging cluster from 12 to 6 nodes, saving $1,800 a month",
        "entries": [(D(2026, 4, 30), "Downsized the staging cluster from 12 to 6 nodes")],
        "invented": ["$1,800"],
    },
    {
        "category": "money",
        "language": "en",
        "claim": "Negotiated the observability renewal down to $15,000 a month",
        "entries": [(D(2026, 2, 17), "Negotiated the observability renewal down to $1,500/month")],
        "invented": ["$15,000"],
    },
    {
        "category": "changed label",
        "language": "en",
        "claim": "Upgraded the reporting DB to PG16 with no downtime",
        "entries": [(D(2026, 1, 15), "Upgraded the reporting DB to PG15, no downtime")],
        "invented": ["PG16"],
    },
    {
        "category": "changed label",
        "language": "en",
        "claim": "Released SDK v4.2 with retry support",
        "entries": [(D(2026, 3, 20), "Released SDK v4.1 with retry support")],
        "invented": ["v4.2"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Held 1:1s with all five reports and agreed growth goals with two of them",
        "entries": [
            (D(2026, 4, 2), "1:1s with all four reports; agreed growth goals with two of them")
        ],
        "invented": ["five"],
    },
    {
        "category": "invented team",
        "language": "en",
        "claim": "Wrote the on-call runbook, which the Platform team adopted for its own services",
        "entries": [(D(2026, 2, 2), "Wrote the on-call runbook for the billing consumer")],
        "invented": ["Platform"],
    },
    {
        "category": "invented person",
        "language": "en",
        "claim": "Reviewed Anna's design for the new rate limiter",
        "entries": [(D(2026, 3, 11), "Reviewed the design for the new rate limiter")],
        "invented": ["Anna"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Fixed a dozen flaky tests in the indexer",
        "entries": [(D(2026, 3, 12), "Fixed flaky tests in the indexer, 3 left quarantined")],
        "invented": ["dozen"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Cut the nightly reconciliation job from about 60 minutes to 12",
        "entries": [(D(2026, 3, 27), "Nightly reconciliation job from 47 min to 12 min")],
        "invented": ["60 minutes"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Answered over 5,000 support tickets during the migration",
        "entries": [(D(2026, 4, 20), "Answered 1,240 support tickets during the migration")],
        "invented": ["5,000"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "In March I moved billing events to Kafka and cut CI to 6 minutes",
        "entries": [
            (D(2026, 3, 3), "Moved billing events to Kafka, lag from 40 s to 2 s"),
            (D(2026, 3, 18), "CI from 20 to 8 minutes with 4 test shards"),
        ],
        "invented": ["6 minutes"],
    },
    {
        "category": "count from the entry's date",
        "language": "en",
        "claim": "March 5: fixed 3 flaky tests in the checkout suite",
        "entries": [(D(2026, 3, 5), "Fixed the flaky tests in the checkout suite")],
        "invented": ["3"],
    },
    {
        "category": "changed label",
        "language": "en",
        "claim": "Kept checkout p99 under 300 ms during the sale",
        "entries": [(D(2026, 11, 28), "Checkout p95 stayed under 300 ms during the sale")],
        "invented": ["p99"],
    },
    {
        "category": "changed label",
        "language": "en",
        "claim": "Fixed the memory leak on prod-7 that paged us twice",
        "entries": [(D(2026, 4, 23), "Fixed the memory leak on prod-3 that paged us twice")],
        "invented": ["prod-7"],
    },
    {
        "category": "invented tag",
        "language": "en",
        "claim": "Landed PR #1234 with the retry fix",
        "entries": [(D(2026, 4, 24), "Landed PR #1243 with the retry fix")],
        "invented": ["#1234"],
    },
    {
        "category": "wrong date",
        "language": "en",
        "claim": "Owned the billing consumer on-call since 2024",
        "entries": [(D(2026, 1, 12), "Took over the billing consumer on-call")],
        "invented": ["2024"],
    },
    {
        "category": "money",
        "language": "en",
        "claim": "Cut the cloud bill by $2,500 a week by deleting old snapshots",
        "entries": [(D(2026, 5, 4), "Deleted old disk snapshots, bill down $2,500/month")],
        "invented": ["$2,500 a week"],
    },
    # --- Russian ---
    {
        "category": "count from the entry's date",
        "language": "ru",
        "claim": "Перевёл 14 сервисов на новый пайплайн деплоя",
        "entries": [(D(2025, 7, 14), "Перевёл оставшиеся сервисы на новый пайплайн деплоя")],
        "invented": ["14"],
    },
    {
        "category": "count from the entry's date",
        "language": "ru",
        "claim": "Разобрал с командой бэклог техдолга и закрыл 21 устаревшую задачу",
        "entries": [
            (D(2026, 3, 21), "Разобрали с командой бэклог техдолга, выкинули устаревшие задачи")
        ],
        "invented": ["21"],
    },
    {
        "category": "count from the entry's date",
        "language": "ru",
        "claim": "Отревьюил 8 PR команды поиска",
        "entries": [
            (D(2026, 4, 6), "Ревьюил PR команды поиска"),
            (D(2026, 4, 8), "Чинил флаки-тесты в индексаторе"),
        ],
        "invented": ["8"],
    },
    {
        "category": "changed unit",
        "language": "ru",
        "claim": "Ускорил выгрузку отчётов на 40 мс",
        "entries": [(D(2026, 2, 10), "Ускорил выгрузку отчётов на 40%")],
        "invented": ["40 мс"],
    },
    {
        "category": "changed unit",
        "language": "ru",
        "claim": "Сократил холодный старт сервиса с 12 минут до 4 минут",
        "entries": [(D(2026, 4, 7), "Холодный старт сервиса сократился с 12 с до 4 с")],
        "invented": ["12 минут"],
    },
    {
        "category": "changed unit",
        "language": "ru",
        "claim": "Снизил расходы на логи на 30 тыс. ₽",
        "entries": [(D(2026, 3, 26), "Снизили расходы на логи на 30%")],
        "invented": ["30 тыс. ₽"],
    },
    {
        "category": "declined invented name",
        "language": "ru",
        "claim": "Вместе с Олегом и Сергеем перевёл биллинг на Kafka",
        "entries": [(D(2026, 3, 5), "Помог Олегу перевести биллинг на Kafka")],
        "invented": ["Сергеем"],
    },
    {
        "category": "declined invented name",
        "language": "ru",
        "claim": "Провёл онбординг нового разработчика Алексея",
        "entries": [(D(2026, 3, 17), "Провёл онбординг нового разработчика")],
        "invented": ["Алексея"],
    },
    {
        "category": "declined invented name",
        "language": "ru",
        "claim": "Разобрал со стажёром Никитой устройство очередей",
        "entries": [(D(2026, 4, 22), "Разобрал с новым стажёром устройство очередей")],
        "invented": ["Никитой"],
    },
    {
        "category": "invented team",
        "language": "ru",
        "claim": "Согласовал формат событий с командой Платформы",
        "entries": [(D(2026, 2, 26), "Согласовал формат событий с аналитиками")],
        "invented": ["Платформы"],
    },
    {
        "category": "invented team",
        "language": "ru",
        "claim": "Провёл демо новой страницы тарифов для отдела «Продажи»",
        "entries": [(D(2026, 5, 13), "Провёл демо новой страницы тарифов")],
        "invented": ["Продажи"],
    },
    {
        "category": "invented system",
        "language": "ru",
        "claim": "Настроил алерты в Grafana на отставание консьюмера биллинга",
        "entries": [(D(2026, 1, 22), "Настроил алерты на отставание консьюмера биллинга")],
        "invented": ["Grafana"],
    },
    {
        "category": "invented system",
        "language": "ru",
        "claim": "Вынес сессии из памяти процесса в redis",
        "entries": [(D(2026, 5, 14), "Вынес сессии из памяти процесса в отдельное хранилище")],
        "invented": ["redis"],
    },
    {
        "category": "invented system",
        "language": "ru",
        "claim": "Перенёс поиск по заказам в Эластик",
        "entries": [(D(2026, 2, 16), "Перенёс поиск по заказам на отдельный индекс")],
        "invented": ["Эластик"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "После переезда на Kafka задержка событий биллинга сократилась с 40 с до 1 с",
        "entries": [
            (D(2026, 3, 3), "Задержка событий биллинга с 40 с до 2 с после переезда на Kafka")
        ],
        "invented": ["1 с"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "Провёл 17 собеседований на позицию бэкенд-разработчика",
        "entries": [(D(2026, 2, 18), "Провёл 7 собеседований на позицию бэкенд-разработчика")],
        "invented": ["17"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "Уменьшил Docker-образ с 1,2 ГБ до 180 МБ",
        "entries": [(D(2026, 5, 27), "Уменьшил Docker-образ с 1,2 ГБ до 380 МБ")],
        "invented": ["180 МБ"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "Провёл встречи один на один со всеми пятью подчинёнными",
        "entries": [(D(2026, 2, 4), "Провёл встречи один на один со всеми четырьмя подчинёнными")],
        "invented": ["пятью"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "За 2 недели закончил миграцию платежей на новый шлюз",
        "entries": [(D(2026, 3, 31), "Закончил миграцию платежей на новый шлюз")],
        "invented": ["2 недели"],
    },
    {
        "category": "invented percentage",
        "language": "ru",
        "claim": "Переписал генерацию счетов: падений на крупных клиентах стало на 90% меньше",
        "entries": [
            (D(2026, 4, 21), "Переписал генерацию счетов, больше не падает на крупных клиентах")
        ],
        "invented": ["90%"],
    },
    {
        "category": "invented percentage",
        "language": "ru",
        "claim": "Добавил кэш для справочников, нагрузка на базу упала на 30 процентов",
        "entries": [(D(2026, 6, 9), "Добавил кэш для справочников")],
        "invented": ["30 процентов"],
    },
    {
        "category": "wrong date",
        "language": "ru",
        "claim": "4 апреля выкатил новый чеклист онбординга",
        "entries": [(D(2026, 3, 4), "Выкатил новый чеклист онбординга")],
        "invented": ["4 апреля"],
    },
    {
        "category": "wrong date",
        "language": "ru",
        "claim": "Провёл ретро по инциденту с оплатами 16.05",
        "entries": [(D(2026, 5, 15), "Провёл ретро по инциденту с оплатами")],
        "invented": ["16.05"],
    },
    {
        "category": "wrong date",
        "language": "ru",
        "claim": "В феврале запустил A/B-тест новой формы оплаты",
        "entries": [(D(2026, 3, 10), "Запустил A/B-тест новой формы оплаты")],
        "invented": ["феврале"],
    },
    {
        "category": "inflated multiplier",
        "language": "ru",
        "claim": "Индекс по user_id ускорил запрос в 10 раз",
        "entries": [(D(2026, 2, 12), "Индекс по user_id ускорил запрос в 3 раза")],
        "invented": ["10 раз"],
    },
    {
        "category": "inflated multiplier",
        "language": "ru",
        "claim": "Сократил время сборки вдвое за счёт кэша зависимостей",
        "entries": [(D(2026, 4, 16), "Время сборки с 10 мин до 7 мин после кэша зависимостей")],
        "invented": ["вдвое"],
    },
    {
        "category": "money",
        "language": "ru",
        "claim": "Перевёл стенды на spot-инстансы и сэкономил 120 тыс. ₽ в месяц",
        "entries": [(D(2026, 3, 30), "Перевёл стенды на spot-инстансы")],
        "invented": ["120 тыс. ₽"],
    },
    {
        "category": "money",
        "language": "ru",
        "claim": "Согласовал бюджет на обучение команды — 350 000 ₽",
        "entries": [(D(2026, 1, 27), "Согласовал бюджет на обучение команды: 250 000 ₽")],
        "invented": ["350 000 ₽"],
    },
    {
        "category": "changed label",
        "language": "ru",
        "claim": "Обновил кластер отчётов до PG16",
        "entries": [(D(2026, 2, 2), "Обновил кластер отчётов до PG15")],
        "invented": ["PG16"],
    },
    {
        "category": "invented tag",
        "language": "ru",
        "claim": "Закрыл задачи по миграции #payments",
        "entries": [(D(2026, 5, 20), "Закрыл задачи по миграции #billing")],
        "known_names": ["Надёжный биллинг", "#billing"],
        "invented": ["#payments"],
    },
    {
        "category": "declined invented name",
        "language": "ru",
        "claim": "Сергей и я перевели биллинг на Kafka за выходные",
        "entries": [(D(2026, 3, 9), "За выходные перевёл биллинг на Kafka")],
        "invented": ["Сергей"],
    },
    {
        "category": "declined invented name",
        "language": "ru",
        "claim": "Провёл ревью дизайна лимитера запросов вместе с Мариной",
        "entries": [(D(2026, 3, 11), "Провёл ревью дизайна лимитера запросов")],
        "invented": ["Мариной"],
    },
    {
        "category": "invented system",
        "language": "ru",
        "claim": "Перенёс аналитические запросы из PostgreSQL в ClickHouse",
        "entries": [
            (D(2026, 4, 1), "Перенёс аналитические запросы из PostgreSQL в отдельное хранилище")
        ],
        "invented": ["ClickHouse"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "Ответил почти на 3 000 обращений в поддержку во время миграции",
        "entries": [(D(2026, 4, 20), "Ответил на 1240 обращений в поддержку во время миграции")],
        "invented": ["3 000"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "Ускорил сборку фронтенда в 1,5 раза",
        "entries": [(D(2026, 2, 25), "Сборка фронтенда стала быстрее в 2,5 раза")],
        "invented": ["1,5 раза"],
    },
    {
        "category": "count from the entry's date",
        "language": "ru",
        "claim": "5 марта починил 3 флаки-теста в наборе оплаты",
        "entries": [(D(2026, 3, 5), "Починил флаки-тесты в наборе оплаты")],
        "invented": ["3"],
    },
    {
        "category": "changed label",
        "language": "ru",
        "claim": "Удержал p99 оформления заказа ниже 300 мс во время распродажи",
        "entries": [
            (D(2026, 11, 28), "p95 оформления заказа держался ниже 300 мс во время распродажи")
        ],
        "invented": ["p99"],
    },
    {
        "category": "wrong date",
        "language": "ru",
        "claim": "Выкатил новый чеклист онбординга 14.03.2026",
        "entries": [(D(2026, 3, 4), "Выкатил новый чеклист онбординга")],
        "invented": ["14.03.2026"],
    },
    {
        "category": "money",
        "language": "ru",
        "claim": "Сократил счёт за облако на $2,5k в месяц, удалив старые снапшоты",
        "entries": [(D(2026, 5, 4), "Удалил старые снапшоты дисков в облаке")],
        "invented": ["$2,5k"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "Дежурства теперь отнимают у команды 4 ч в неделю вместо 12",
        "entries": [(D(2026, 6, 15), "Дежурства: 4 ч в месяц вместо 12 после чистки алертов")],
        "invented": ["4 ч в неделю"],
    },
]

FAITHFUL = [
    # --- English ---
    {
        "category": "number format",
        "language": "en",
        "claim": "Backfilled 1,500 invoices that had missed the tax-rate change",
        "entries": [(D(2026, 4, 3), "Backfilled 1500 invoices that missed the tax-rate change")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Migrated 12400 customer records onto the new schema",
        "entries": [(D(2026, 5, 8), "Moved 12,400 customer records to the new schema")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "The load test held 12k requests per minute with p99 under 300 ms",
        "entries": [
            (D(2026, 5, 26), "Load test held 12,000 requests per minute, p99 stayed at 280 ms")
        ],
    },
    {
        "category": "unit synonym",
        "language": "en",
        "claim": "Brought cold start down from 7 seconds to 3.5 seconds by lazy-loading the ML "
        "model",
        "entries": [
            (D(2026, 4, 9), "Cold start from 7.0 s to 3.5 s after lazy-loading the ML model")
        ],
    },
    {
        "category": "unit synonym",
        "language": "en",
        "claim": "CI time down to 8 min (from 20) thanks to cached wheels",
        "entries": [(D(2026, 3, 3), "Cut CI from 20 to 8 minutes by caching wheels")],
    },
    {
        "category": "unit synonym",
        "language": "en",
        "claim": "Code-split the settings bundle: page load went from 4.2 s to 1.9 s",
        "entries": [
            (
                D(2026, 2, 20),
                "Page load from 4.2 seconds to 1.9 seconds after code-splitting the settings "
                "bundle",
            )
        ],
    },
    {
        "category": "unit synonym",
        "language": "en",
        "claim": "Onboarding a new on-call engineer now takes 1.5 hours instead of 3",
        "entries": [
            (
                D(2026, 6, 10),
                "New on-call handover doc: onboarding a new on-call engineer takes 90 minutes "
                "now, was 3 hours",
            )
        ],
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "On March 4 I shipped the new onboarding checklist to every new hire",
        "entries": [(D(2026, 3, 4), "Shipped the new onboarding checklist to all new hires")],
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "Shipped the onboarding checklist for new hires (4 Mar 2026)",
        "entries": [(D(2026, 3, 4), "Shipped the new onboarding checklist to all new hires")],
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "Agreed the March 14 cutover with ops",
        "entries": [(D(2026, 3, 10), "Agreed with ops to do the cutover on 2026-03-14")],
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "Ran the SRE hiring loop in May",
        "entries": [(D(2026, 5, 18), "Ran the hiring loop for the SRE role")],
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "In the week of March 9 I reviewed 4 search PRs and fixed 2 flaky indexer tests",
        "entries": [
            (D(2026, 3, 9), "Reviewed 4 PRs for search"),
            (D(2026, 3, 11), "Fixed 2 flaky tests in the indexer"),
        ],
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "On Monday I paired with Oleg on the flaky login test",
        "entries": [(D(2026, 3, 2), "Paired with Oleg on the flaky login test")],
    },
    {
        "category": "paraphrase",
        "language": "en",
        "claim": "Documented the billing consumer in a runbook and took the on-call engineers "
        "through it",
        "entries": [
            (
                D(2026, 1, 29),
                "Wrote the runbook for the billing consumer and walked on-call through it",
            )
        ],
    },
    {
        "category": "paraphrase",
        "language": "en",
        "claim": "Merged the rate-limiting PR after addressing the final review comments",
        "entries": [
            (
                D(2026, 2, 9),
                "Addressed the last review comments and merged the rate limiting pull request",
            )
        ],
    },
    {
        "category": "paraphrase",
        "language": "en",
        "claim": "Got both promotions approved in calibration with HR",
        "entries": [(D(2026, 5, 5), "Calibration with HR: both promotions approved")],
    },
    {
        "category": "paraphrase",
        "language": "en",
        "claim": "In March I moved billing events to Kafka (lag from 40 s to 2 s) and cut CI "
        "from 20 to 8 minutes with 4 test shards.",
        "entries": [
            (D(2026, 3, 3), "Moved billing events to Kafka, lag from 40 s to 2 s"),
            (
                D(2026, 3, 18),
                "Split the slow integration tests into 4 shards, CI from 20 to 8 minutes",
            ),
        ],
    },
    {
        "category": "known names",
        "language": "en",
        "claim": "Moved the refunds worker onto the queue, part of Reliable billing",
        "entries": [(D(2026, 3, 16), "Moved the refunds worker onto the queue")],
        "known_names": ["Reliable billing", "#billing"],
    },
    {
        "category": "known names",
        "language": "en",
        "claim": "Split the slow integration tests into 4 shards for #ci",
        "entries": [(D(2026, 3, 18), "Split the slow integration tests into 4 shards")],
        "known_names": ["Fast CI", "#ci"],
    },
    {
        "category": "labels",
        "language": "en",
        "claim": "Added a composite index; /search p95 went from 800 ms to 210 ms",
        "entries": [
            (
                D(2026, 2, 3),
                "p95 of /search from 800 ms to 210 ms after adding the composite index",
            )
        ],
    },
    {
        "category": "labels",
        "language": "en",
        "claim": "Upgraded the reporting database to PG16 with only 4 minutes of read-only time",
        "entries": [
            (D(2026, 1, 15), "Upgraded the reporting DB to PG16 over the weekend, 4 min read-only")
        ],
    },
    {
        "category": "labels",
        "language": "en",
        "claim": "Shipped v4.2 of the SDK, which adds automatic retries",
        "entries": [(D(2026, 3, 20), "Released SDK v4.2 with automatic retries")],
    },
    {
        "category": "labels",
        "language": "en",
        "claim": "Moved the cron jobs onto k8s CronJobs and pointed backups at S3",
        "entries": [(D(2026, 4, 14), "Moved the cron jobs to k8s CronJobs, backups now go to S3")],
    },
    {
        "category": "multiplier",
        "language": "en",
        "claim": "Made the dashboard endpoint twice as fast with a query planner fix",
        "entries": [(D(2026, 5, 19), "Query planner fix: the dashboard endpoint is now 2x faster")],
    },
    {
        "category": "multiplier",
        "language": "en",
        "claim": "Tripled ingest worker throughput by batching inserts",
        "entries": [(D(2026, 6, 4), "Ingest workers' throughput up ×3 after batching the inserts")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Negotiated the observability renewal down to $1,500 a month",
        "entries": [(D(2026, 2, 17), "Negotiated the observability renewal down to $1500/month")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Reviewed the rate limiter design doc by Priya",
        "entries": [(D(2026, 3, 11), "Reviewed Priya's rate limiter design doc")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Agreed the new base image with the Platform team",
        "entries": [(D(2026, 1, 21), "Synced with the Platform team on the new base image")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Helped Oleg move billing to Kafka, cutting lag from 40 s to 2 s",
        "entries": [
            (D(2026, 3, 5), "Помог Олегу перевести биллинг на Kafka, задержка с 40 с до 2 с")
        ],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Brought the webhook sender's error rate from 2.4 % to 0.3 % with retries and "
        "jitter",
        "entries": [
            (
                D(2026, 4, 28),
                "Webhook sender error rate from 2.4% to 0.3% after adding retries with jitter",
            )
        ],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Cut the nightly reconciliation job from about 45 minutes to 12",
        "entries": [(D(2026, 3, 27), "Nightly reconciliation job from 47 min to 12 min")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Held one-on-ones with all four of my reports and agreed growth goals with two "
        "of them",
        "entries": [(D(2026, 4, 2), "1:1s with all 4 reports; agreed growth goals with 2 of them")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Moved the cron jobs onto Kubernetes",
        "entries": [(D(2026, 4, 14), "Moved the cron jobs to k8s CronJobs")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Agreed the event schema with the Platform team",
        "entries": [(D(2026, 2, 26), "Согласовал схему событий с командой Платформы")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Kept the checkout p95 at ~40% of its old value, 120 ms instead of 300 ms",
        "entries": [(D(2026, 4, 27), "Checkout p95 now 120 ms (was 300 ms), 38% of before")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Answered over 1,000 support tickets during the migration",
        "entries": [(D(2026, 4, 20), "Answered 1,240 support tickets during the migration")],
    },
    {
        "category": "unit synonym",
        "language": "en",
        "claim": "The pricing call now answers in 40 ms (was 0.2 s)",
        "entries": [(D(2026, 2, 3), "Pricing call latency 200 ms → 0.04 s with the cache")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Cut the cloud bill by $2.5k a month by deleting old snapshots",
        "entries": [(D(2026, 5, 4), "Deleted old disk snapshots, bill down $2,500/month")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Reviewed three PRs for payments and one for search",
        "entries": [(D(2026, 3, 4), "Reviewed 3 PRs for payments, 1 for search")],
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "Took over the billing consumer on-call in January 2026",
        "entries": [(D(2026, 1, 12), "Took over the billing consumer on-call")],
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "Ran the hiring loop for the SRE role from March 9 to 13",
        "entries": [
            (D(2026, 3, 9), "Hiring loop for the SRE role: first 2 interviews"),
            (D(2026, 3, 12), "Hiring loop for the SRE role: debrief, offer sent"),
        ],
    },
    {
        "category": "paraphrase",
        "language": "en",
        "claim": "Moved the Billing Service onto Kafka and led the SEV-2 review for checkout",
        "entries": [
            (D(2026, 3, 3), "moved billing service to kafka"),
            (D(2026, 3, 6), "SEV2 on checkout: led the review"),
        ],
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "In Q1 I moved billing events to Kafka; by mid-March their lag was 2 s",
        "entries": [(D(2026, 3, 13), "Moved billing events to Kafka, lag from 40 s to 2 s")],
    },
    # --- Russian ---
    {
        "category": "number format",
        "language": "ru",
        "claim": "Пересчитал 1 500 счетов, которые пропустили смену ставки НДС",
        "entries": [(D(2026, 4, 3), "Досчитал 1500 счетов, пропущенных после смены ставки НДС")],
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Перенёс 12\u00a0400 клиентских записей в новую схему",
        "entries": [(D(2026, 5, 8), "Перенёс 12400 клиентских записей в новую схему")],
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Ленивая загрузка модели сократила холодный старт с 7 до 3,5 секунды",
        "entries": [(D(2026, 4, 9), "Холодный старт с 7 с до 3.5 с после ленивой загрузки модели")],
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Добавил ретраи с джиттером: доля ошибок вебхуков снизилась с 2.4 % до 0.3 %",
        "entries": [
            (
                D(2026, 4, 28),
                "Доля ошибок отправки вебхуков с 2,4% до 0,3% после ретраев с джиттером",
            )
        ],
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Провёл встречи один на один со всеми четырьмя подчинёнными",
        "entries": [(D(2026, 2, 4), "Провёл встречи 1:1 со всеми 4 подчинёнными")],
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "4 марта выкатил новый чеклист онбординга",
        "entries": [(D(2026, 3, 4), "Выкатил новый чеклист онбординга")],
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "Выкатил новый чеклист онбординга (04.03)",
        "entries": [(D(2026, 3, 4), "Выкатил новый чеклист онбординга")],
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "Согласовал с эксплуатацией переключение 14 марта",
        "entries": [(D(2026, 3, 10), "Согласовал с эксплуатацией переключение на 14.03")],
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "На неделе с 6 апреля отревьюил 8 PR поиска и починил 2 флаки-теста",
        "entries": [
            (D(2026, 4, 6), "Отревьюил 8 PR команды поиска"),
            (D(2026, 4, 8), "Починил 2 флаки-теста в индексаторе"),
        ],
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "В феврале запустил A/B-тест новой формы оплаты",
        "entries": [(D(2026, 2, 12), "Запустил A/B-тест новой формы оплаты")],
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "Провёл ретро по инциденту с оплатами (2026-05-15)",
        "entries": [(D(2026, 5, 15), "Провёл ретро по инциденту с оплатами")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Вместе с Олегом перевёл биллинг на Kafka",
        "entries": [(D(2026, 3, 5), "Помог Олегу перевести биллинг на Kafka")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Согласовал базовый образ с командой Платформы",
        "entries": [(D(2026, 1, 21), "Созвонился с Платформой по базовому образу")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Прошёл ревью миграции у Павла",
        "entries": [(D(2026, 4, 13), "Павел отревьюил мой PR с миграцией")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Перевёл события биллинга на Кафку",
        "entries": [(D(2026, 3, 3), "Перевёл события биллинга на Kafka")],
    },
    {
        "category": "unit synonym",
        "language": "ru",
        "claim": "Время CI: было 20 мин, стало 8 мин — за счёт кэша колёс",
        "entries": [(D(2026, 3, 3), "Сократил время CI с 20 до 8 минут кэшем колёс")],
    },
    {
        "category": "unit synonym",
        "language": "ru",
        "claim": "Ночная выгрузка сократилась с 6 ч до 2 ч",
        "entries": [(D(2026, 2, 25), "Ночная выгрузка теперь идёт 2 часа вместо 6")],
    },
    {
        "category": "unit synonym",
        "language": "ru",
        "claim": "Увеличил таймаут health-check с 5 до 15 секунд",
        "entries": [(D(2026, 2, 19), "Таймаут health-check увеличил с 5 с до 15 с")],
    },
    {
        "category": "unit synonym",
        "language": "ru",
        "claim": "Добавил кэш справочников — нагрузка на базу снизилась на 30 процентов",
        "entries": [(D(2026, 6, 9), "Кэш справочников снизил нагрузку на базу на 30%")],
    },
    {
        "category": "unit synonym",
        "language": "ru",
        "claim": "Docker-образ стал меньше: с 1.2 ГБ до 380 МБ",
        "entries": [(D(2026, 5, 27), "Уменьшил Docker-образ с 1,2 ГБ до 380 МБ")],
    },
    {
        "category": "paraphrase",
        "language": "ru",
        "claim": "Подготовил ранбук для консьюмера биллинга и разобрал его с дежурными",
        "entries": [
            (
                D(2026, 1, 29),
                "Написал ранбук по консьюмеру биллинга и провёл по нему дежурных",
            )
        ],
    },
    {
        "category": "paraphrase",
        "language": "ru",
        "claim": "На калибровке согласовал оба повышения",
        "entries": [(D(2026, 5, 5), "Калибровка: оба повышения согласовали")],
    },
    {
        "category": "known names",
        "language": "ru",
        "claim": "В рамках цели «Надёжный биллинг» перенёс воркер возвратов на очередь",
        "entries": [(D(2026, 3, 16), "Перенёс воркер возвратов на очередь")],
        "known_names": ["Надёжный биллинг", "#billing"],
    },
    {
        "category": "known names",
        "language": "ru",
        "claim": "Закрыл оставшиеся задачи миграции #billing",
        "entries": [(D(2026, 5, 20), "Закрыл задачи по миграции биллинга")],
        "known_names": ["Надёжный биллинг", "#billing"],
    },
    {
        "category": "labels",
        "language": "ru",
        "claim": "Добавил составной индекс: p95 поиска снизился с 800 до 210 мс",
        "entries": [(D(2026, 2, 3), "p95 поиска упал с 800 мс до 210 мс после составного индекса")],
    },
    {
        "category": "labels",
        "language": "ru",
        "claim": "Обновил кластер отчётов до PG16 — всего 4 мин в режиме только для чтения",
        "entries": [(D(2026, 1, 15), "Обновил кластер отчётов до PG16, 4 минуты только на чтение")],
    },
    {
        "category": "labels",
        "language": "ru",
        "claim": "Выпустил v4.2 SDK с автоматическими ретраями",
        "entries": [(D(2026, 3, 20), "Выпустил SDK v4.2 с автоматическими ретраями")],
    },
    {
        "category": "labels",
        "language": "ru",
        "claim": "Запустил E2E-тесты оплаты в CI: прогон занимает 6 мин",
        "entries": [(D(2026, 3, 24), "Поднял E2E-тесты оплаты в CI, прогон 6 минут")],
    },
    {
        "category": "multiplier",
        "language": "ru",
        "claim": "Ускорил запрос ×3 индексом по user_id",
        "entries": [(D(2026, 2, 12), "Индекс по user_id ускорил запрос в 3 раза")],
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Сэкономил 120 000 ₽ в месяц, переведя стенды на spot-инстансы",
        "entries": [
            (D(2026, 3, 30), "Перевёл стенды на spot-инстансы, экономия 120 тыс. ₽ в месяц")
        ],
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Согласовал бюджет на обучение команды — 250 тыс. ₽",
        "entries": [(D(2026, 1, 27), "Согласовал бюджет на обучение команды: 250 000 руб.")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Поработал в паре с Олегом над флаки-тестом логина",
        "entries": [(D(2026, 2, 11), "Paired with Oleg on the flaky login test")],
    },
    {
        "category": "multiplier",
        "language": "ru",
        "claim": "Сборка фронтенда стала быстрее в 1,5 раза",
        "entries": [(D(2026, 2, 25), "Frontend build 1.5x faster after switching the bundler")],
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Ответил более чем на 1 000 обращений в поддержку во время миграции",
        "entries": [(D(2026, 4, 20), "Ответил на 1240 обращений в поддержку во время миграции")],
    },
    {
        "category": "unit synonym",
        "language": "ru",
        "claim": "Сократил время ответа расчёта цены до 40 мс (было 0,2 с)",
        "entries": [(D(2026, 2, 3), "Расчёт цены: 200 мс → 0,04 с после кэша")],
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "В 2026 году принял дежурство по консьюмеру биллинга",
        "entries": [(D(2026, 1, 12), "Принял дежурство по консьюмеру биллинга")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Отревьюил три PR для платежей и один для поиска",
        "entries": [(D(2026, 3, 4), "Отревьюил 3 PR для платежей, 1 для поиска")],
    },
    {
        "category": "labels",
        "language": "ru",
        "claim": "Снизил p95-латентность поиска до 210 мс",
        "entries": [(D(2026, 2, 3), "p95 поиска упал с 800 мс до 210 мс")],
    },
    {
        "category": "unit synonym",
        "language": "ru",
        "claim": "Дежурства теперь отнимают 4 часа в месяц вместо 12",
        "entries": [(D(2026, 6, 15), "Дежурства: 4 ч в месяц вместо 12 после чистки алертов")],
    },
]


# A second batch, written after the checker was tuned on the cases above and run on it
# untouched: all 20 inventions flagged, none of the 20 rewrites.

INVENTIONS += [
    {
        "category": "count from the entry's date",
        "language": "en",
        "claim": "Closed 3 customer escalations with Support",
        "entries": [(D(2026, 3, 3), "Closed the customer escalations from the enterprise queue")],
        "invented": ["3", "Support"],
    },
    {
        "category": "invented team",
        "language": "en",
        "claim": "Migrated the auth service to OAuth2 with the Identity team",
        "entries": [(D(2026, 2, 2), "Migrated the auth service to OAuth2")],
        "invented": ["Identity"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Cut p95 from 900 ms to 300 ms on the orders API",
        "entries": [(D(2026, 2, 9), "orders API p95 from 900 ms to 450 ms")],
        "invented": ["300 ms"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Reduced flaky test rate from 8% to 1%",
        "entries": [(D(2026, 2, 10), "flaky test rate down from 8% to 2%")],
        "invented": ["1%"],
    },
    {
        "category": "wrong date",
        "language": "en",
        "claim": "Started the on-call rotation on 1 April",
        "entries": [(D(2026, 4, 3), "Started the on-call rotation")],
        "invented": ["1 April"],
    },
    {
        "category": "money",
        "language": "en",
        "claim": "Saved €4,000 on licences by dropping unused seats",
        "entries": [(D(2026, 4, 8), "Dropped 40 unused seats from the licence")],
        "invented": ["€4,000"],
    },
    {
        "category": "invented person",
        "language": "en",
        "claim": "Mentored two juniors, Kate and Tom, through their first releases",
        "entries": [
            (D(2026, 4, 9), "Mentored two juniors through their first releases; Kate shipped hers")
        ],
        "invented": ["Tom"],
    },
    {
        "category": "invented system",
        "language": "en",
        "claim": "Wrote an RFC for moving search to OpenSearch",
        "entries": [(D(2026, 4, 10), "Wrote an RFC for the search migration")],
        "invented": ["OpenSearch"],
    },
    {
        "category": "inflated multiplier",
        "language": "en",
        "claim": "Throughput went up 4x after the batching change",
        "entries": [(D(2026, 4, 11), "Throughput up 3x after the batching change")],
        "invented": ["4x"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Brought onboarding time for new engineers down to 3 days",
        "entries": [(D(2026, 4, 13), "Onboarding for new engineers now takes about a week")],
        "invented": ["3 days"],
    },
    {
        "category": "declined invented name",
        "language": "ru",
        "claim": "Помог Ивану разобраться с ретраями в консьюмере",
        "entries": [(D(2026, 3, 3), "Разобрался с ретраями в консьюмере")],
        "invented": ["Ивану"],
    },
    {
        "category": "invented system",
        "language": "ru",
        "claim": "Перевёл CI на GitHub Actions",
        "entries": [(D(2026, 3, 4), "Перевёл CI на новые раннеры")],
        "invented": ["GitHub Actions"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "Сократил время деплоя с 25 до 5 минут",
        "entries": [(D(2026, 3, 5), "Время деплоя с 25 до 10 минут")],
        "invented": ["5 минут"],
    },
    {
        "category": "invented percentage",
        "language": "ru",
        "claim": "Снизил число алертов на 60%",
        "entries": [(D(2026, 3, 6), "Почистил алерты, убрал шумные")],
        "invented": ["60%"],
    },
    {
        "category": "wrong date",
        "language": "ru",
        "claim": "12 марта провёл демо для заказчика",
        "entries": [(D(2026, 3, 11), "Провёл демо для заказчика")],
        "invented": ["12 марта"],
    },
    {
        "category": "money",
        "language": "ru",
        "claim": "Сэкономил 50 000 ₽ на лицензиях",
        "entries": [(D(2026, 3, 12), "Отказались от неиспользуемых лицензий")],
        "invented": ["50 000 ₽"],
    },
    {
        "category": "invented team",
        "language": "ru",
        "claim": "Обсудил с командой Инфраструктуры план миграции",
        "entries": [(D(2026, 3, 13), "Обсудил план миграции с эксплуатацией")],
        "invented": ["Инфраструктуры"],
    },
    {
        "category": "inflated multiplier",
        "language": "ru",
        "claim": "Ускорил импорт в 5 раз",
        "entries": [(D(2026, 3, 16), "Импорт стал быстрее в 2 раза")],
        "invented": ["5 раз"],
    },
    {
        "category": "changed label",
        "language": "ru",
        "claim": "Обновил Python до 3.13 на всех сервисах",
        "entries": [(D(2026, 3, 17), "Обновил Python до 3.12 на всех сервисах")],
        "invented": ["3.13"],
    },
    {
        "category": "count from the entry's date",
        "language": "ru",
        "claim": "Закрыл 16 задач техдолга",
        "entries": [(D(2026, 3, 16), "Закрыл задачи техдолга")],
        "invented": ["16"],
    },
]

FAITHFUL += [
    {
        "category": "paraphrase",
        "language": "en",
        "claim": "Closed the enterprise queue's customer escalations",
        "entries": [(D(2026, 3, 3), "Closed the customer escalations from the enterprise queue")],
    },
    {
        "category": "paraphrase",
        "language": "en",
        "claim": "Moved the auth service onto OAuth2",
        "entries": [(D(2026, 2, 2), "Migrated the auth service to OAuth2")],
    },
    {
        "category": "labels",
        "language": "en",
        "claim": "Brought the orders API p95 down from 900 ms to 450 ms",
        "entries": [(D(2026, 2, 9), "orders API p95 from 900 ms to 450 ms")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Dropped 40 unused licence seats",
        "entries": [(D(2026, 4, 8), "Dropped 40 unused seats from the licence")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Mentored two juniors through their first releases; Kate shipped hers",
        "entries": [
            (D(2026, 4, 9), "Mentored 2 juniors through their first releases, Kate shipped hers")
        ],
    },
    {
        "category": "multiplier",
        "language": "en",
        "claim": "Tripled throughput with the batching change",
        "entries": [(D(2026, 4, 11), "Throughput up 3x after the batching change")],
    },
    {
        "category": "paraphrase",
        "language": "en",
        "claim": "Onboarding a new engineer now takes about a week",
        "entries": [(D(2026, 4, 13), "Onboarding for new engineers now takes about a week")],
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "On April 3 I started the on-call rotation",
        "entries": [(D(2026, 4, 3), "Started the on-call rotation")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Wrote the RFC for the search migration and got sign-off from the Staff group",
        "entries": [
            (D(2026, 4, 10), "Wrote an RFC for the search migration; Staff group signed off")
        ],
    },
    {
        "category": "unit synonym",
        "language": "en",
        "claim": "Cut flaky tests from 8% to 2% of runs",
        "entries": [(D(2026, 2, 10), "flaky test rate down from 8% to 2%")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Разобрался с ретраями в консьюмере вместе с Иваном",
        "entries": [(D(2026, 3, 3), "Разобрался с Иваном с ретраями в консьюмере")],
    },
    {
        "category": "unit synonym",
        "language": "ru",
        "claim": "Сократил время деплоя с 25 до 10 мин",
        "entries": [(D(2026, 3, 5), "Время деплоя с 25 до 10 минут")],
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "11 марта провёл демо для заказчика",
        "entries": [(D(2026, 3, 11), "Провёл демо для заказчика")],
    },
    {
        "category": "paraphrase",
        "language": "ru",
        "claim": "Обсудил план миграции с эксплуатацией",
        "entries": [(D(2026, 3, 13), "Обсудили с эксплуатацией план миграции")],
    },
    {
        "category": "multiplier",
        "language": "ru",
        "claim": "Импорт стал в два раза быстрее",
        "entries": [(D(2026, 3, 16), "Импорт стал быстрее в 2 раза")],
    },
    {
        "category": "labels",
        "language": "ru",
        "claim": "Обновил Python до 3.12 во всех сервисах",
        "entries": [(D(2026, 3, 17), "Обновил Python до 3.12 на всех сервисах")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Перевёл CI на новые раннеры GitLab",
        "entries": [(D(2026, 3, 4), "Перевёл CI на новые раннеры в GitLab")],
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Настроил SLO для API оплаты: 99,9% успешных запросов",
        "entries": [(D(2026, 3, 18), "SLO для API оплаты: 99.9% успешных запросов")],
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Провёл 1:1 с каждым из 6 разработчиков команды",
        "entries": [(D(2026, 3, 19), "1:1 со всеми шестью разработчиками")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Запустил новый онбординг для Марии и Дениса",
        "entries": [(D(2026, 3, 20), "Онбординг для Марии и Дениса по новому плану")],
    },
]


# Review 12: an independent reviewer's 48 cases, written without seeing the corpus, each
# with the reviewer's known names. Before this batch the check missed 2 of the 24 inventions
# (teams in lower case) and flagged 2 of the 24 rewrites ("Halved" for "from 10 to 5 min",
# "Postgres" for "PostgreSQL").
REVIEW_KNOWN = ["Reliable billing", "#billing"]

INVENTIONS += [
    {
        "category": "changed unit",
        "language": "en",
        "claim": "Cut the cart API p95 from 900 ms to 300 s",
        "entries": [(D(2026, 3, 2), "Cut the cart API p95 from 900 ms to 300 ms")],
        "known_names": REVIEW_KNOWN,
        "invented": ["300 s"],
    },
    {
        "category": "invented person",
        "language": "en",
        "claim": "Paired with Marcus on the billing retry bug",
        "entries": [(D(2026, 3, 3), "Paired with the new hire on the billing retry bug")],
        "known_names": REVIEW_KNOWN,
        "invented": ["Marcus"],
    },
    {
        "category": "invented team",
        "language": "en",
        "claim": "Ran the incident review with the Storage team for Tuesday's outage",
        "entries": [(D(2026, 3, 5), "Ran the incident review for Tuesday's outage")],
        "known_names": REVIEW_KNOWN,
        "invented": ["Storage"],
    },
    {
        "category": "count from the entry's date",
        "language": "en",
        "claim": "Onboarded 21 contractors onto the data platform",
        "entries": [(D(2026, 5, 21), "Onboarded the new contractors onto the data platform")],
        "known_names": REVIEW_KNOWN,
        "invented": ["21"],
    },
    {
        "category": "money",
        "language": "en",
        "claim": "Negotiated the Datadog renewal, saving $12,000 a month",
        "entries": [
            (D(2026, 4, 8), "Negotiated the Datadog renewal down, saving about $1,200 a month")
        ],
        "known_names": REVIEW_KNOWN,
        "invented": ["$12,000"],
    },
    {
        "category": "inflated multiplier",
        "language": "en",
        "claim": "The query cache made the dashboard load 5× faster",
        "entries": [(D(2026, 4, 9), "The query cache made the dashboard load twice as fast")],
        "known_names": REVIEW_KNOWN,
        "invented": ["5×"],
    },
    {
        "category": "wrong date",
        "language": "en",
        "claim": "Shipped the SSO integration for Acme on April 9",
        "entries": [(D(2026, 4, 2), "Shipped the SSO integration for Acme")],
        "known_names": REVIEW_KNOWN,
        "invented": ["April 9"],
    },
    {
        "category": "count from the entry's date",
        "language": "ru",
        "claim": "Провёл 8 собеседований с кандидатами на позицию аналитика",
        "entries": [(D(2026, 6, 8), "Провёл собеседования с кандидатами на позицию аналитика")],
        "known_names": REVIEW_KNOWN,
        "invented": ["8"],
    },
    {
        "category": "changed unit",
        "language": "ru",
        "claim": "Сократил время сборки с 12 минут до 4 секунд",
        "entries": [(D(2026, 6, 9), "Сократил время сборки с 12 минут до 4 минут")],
        "known_names": REVIEW_KNOWN,
        "invented": ["4 секунд"],
    },
    {
        "category": "invented system",
        "language": "ru",
        "claim": "Настроил хранение секретов в Vault для отдела аналитики",
        "entries": [(D(2026, 6, 10), "Настроил хранение секретов для отдела аналитики")],
        "known_names": REVIEW_KNOWN,
        "invented": ["Vault"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "Снизил долю ошибок 5xx с 3% до 0,05%",
        "entries": [(D(2026, 6, 11), "Снизил долю ошибок 5xx с 3% до 0,5%")],
        "known_names": REVIEW_KNOWN,
        "invented": ["0,05%"],
    },
    {
        "category": "invented person",
        "language": "ru",
        "claim": "Помог Анне из поддержки разобраться с CI",
        "entries": [(D(2026, 6, 12), "Помог новой сотруднице из поддержки разобраться с CI")],
        "known_names": REVIEW_KNOWN,
        "invented": ["Анне"],
    },
    {
        "category": "invented team",
        "language": "en",
        "claim": "Helped the platform team finish the queue migration",
        "entries": [(D(2026, 3, 2), "Helped finish the queue migration")],
        "known_names": REVIEW_KNOWN,
        "invented": ["platform team"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Served 2 million requests a day on the new gateway",
        "entries": [(D(2026, 3, 3), "The new gateway served 2 thousand requests a day")],
        "known_names": REVIEW_KNOWN,
        "invented": ["2 million"],
    },
    {
        "category": "invented count",
        "language": "en",
        "claim": "Mentored three engineers through their first on-call",
        "entries": [(D(2026, 3, 4), "Mentored the engineers through their first on-call")],
        "known_names": REVIEW_KNOWN,
        "invented": ["three"],
    },
    {
        "category": "wrong date",
        "language": "en",
        "claim": "In May rolled out the feature flags service",
        "entries": [(D(2026, 4, 20), "Rolled out the feature flags service")],
        "known_names": REVIEW_KNOWN,
        "invented": ["May"],
    },
    {
        "category": "changed label",
        "language": "en",
        "claim": "Passed the SOC2 audit with no findings",
        "entries": [(D(2026, 3, 6), "Passed the security audit with no findings")],
        "known_names": REVIEW_KNOWN,
        "invented": ["SOC2"],
    },
    {
        "category": "invented tag",
        "language": "en",
        "claim": "Fixed the flaky login test with @dana",
        "entries": [(D(2026, 3, 9), "Fixed the flaky login test")],
        "known_names": REVIEW_KNOWN,
        "invented": ["@dana"],
    },
    {
        "category": "changed label",
        "language": "en",
        "claim": "Upgraded the API client to v4.2",
        "entries": [(D(2026, 3, 10), "Upgraded the API client to v4.1")],
        "known_names": REVIEW_KNOWN,
        "invented": ["v4.2"],
    },
    {
        "category": "invented count",
        "language": "ru",
        "claim": "Провёл три демо для ключевых клиентов",
        "entries": [(D(2026, 6, 1), "Провёл демо для ключевых клиентов")],
        "known_names": REVIEW_KNOWN,
        "invented": ["три"],
    },
    {
        "category": "wrong date",
        "language": "ru",
        "claim": "04.03 выкатил новую страницу оплаты",
        "entries": [(D(2026, 3, 5), "Выкатил новую страницу оплаты")],
        "known_names": REVIEW_KNOWN,
        "invented": ["04.03"],
    },
    {
        "category": "invented team",
        "language": "ru",
        "claim": "Вместе с командой поддержки разобрал очередь обращений",
        "entries": [(D(2026, 6, 2), "Разобрал очередь обращений")],
        "known_names": REVIEW_KNOWN,
        "invented": ["командой поддержки"],
    },
    {
        "category": "inflated multiplier",
        "language": "ru",
        "claim": "Ускорил поиск в 3 раза",
        "entries": [(D(2026, 6, 3), "Ускорил поиск в 2 раза")],
        "known_names": REVIEW_KNOWN,
        "invented": ["3 раза"],
    },
    {
        "category": "invented count",
        "language": "en",
        "claim": "Kept the error rate below 0.1% for 6 weeks",
        "entries": [(D(2026, 3, 11), "Error rate stayed below 0.1% after the fix")],
        "known_names": REVIEW_KNOWN,
        "invented": ["6 weeks"],
    },
]

FAITHFUL += [
    {
        "category": "number format",
        "language": "en",
        "claim": "Brought the cart API p95 down from 900ms to 300ms",
        "entries": [(D(2026, 3, 2), "Cut the cart API p95 from 900 ms to 300 ms")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Cleared a backlog of 1,500 refund requests",
        "entries": [(D(2026, 3, 3), "Processed 1500 refund requests in the backlog")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "Launched the beta to pilot customers on March 4",
        "entries": [(D(2026, 3, 4), "Launched the beta to the pilot customers")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Moved our Grafana dashboards into Terraform, together with Priya",
        "entries": [(D(2026, 3, 5), "Migrated the Grafana dashboards to Terraform with Priya")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "known names",
        "language": "en",
        "claim": "Made the payment webhooks idempotent for Reliable billing",
        "entries": [(D(2026, 3, 6), "Added idempotency keys to the payment webhooks #billing")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Reduced error budget burn from 4.2% to under 1%",
        "entries": [(D(2026, 3, 9), "Error budget burn went from 4.2% to 0.9%")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "labels",
        "language": "en",
        "claim": "Upgraded our main database cluster to PG16 with no downtime",
        "entries": [(D(2026, 3, 10), "Upgraded the main cluster to PG16, zero downtime")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Вместе с Дмитрием провёл ревью архитектуры платежей",
        "entries": [(D(2026, 6, 1), "Провёл ревью архитектуры платежей, Дмитрий помогал")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Генерация счетов ускорилась с 3,5 с до 1,2 с",
        "entries": [(D(2026, 6, 2), "Ускорил генерацию счетов с 3.5 с до 1.2 с")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "4 марта выпустил релиз 2.3 мобильного приложения",
        "entries": [(D(2026, 3, 4), "Выпустил релиз 2.3 мобильного приложения")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Подключил Sentry к платёжному сервису",
        "entries": [(D(2026, 6, 3), "Настроил Sentry для сервиса платежей")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Сократил расходы на облако на 15 000 рублей в месяц",
        "entries": [(D(2026, 6, 4), "Сэкономили 15000 рублей в месяц на облаке")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Kept p95 under 300 ms after the cache change",
        "entries": [(D(2026, 3, 2), "p95 now 280 ms after the cache change")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Mentored two junior engineers",
        "entries": [(D(2026, 3, 3), "Mentored 2 junior engineers this sprint")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "multiplier",
        "language": "en",
        "claim": "Halved the build time, from 10 to 5 minutes",
        "entries": [(D(2026, 3, 4), "Build time from 10 min to 5 min")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Answered 1.5k support tickets with the new macros",
        "entries": [(D(2026, 3, 5), "Answered 1500 support tickets with the new macros")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "date written another way",
        "language": "en",
        "claim": "On 2026-03-06 cut over DNS to the new provider",
        "entries": [(D(2026, 3, 6), "Cut over DNS to the new provider")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Reviewed Priya's design for the rate limiter",
        "entries": [(D(2026, 3, 9), "Reviewed the rate limiter design from Priya")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Moved the jobs from Postgres to Kubernetes cron",
        "entries": [(D(2026, 3, 10), "Moved the jobs from PostgreSQL to k8s cron")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "multiplier",
        "language": "ru",
        "claim": "Ускорил импорт в 2 раза",
        "entries": [(D(2026, 6, 1), "Импорт стал быстрее ×2")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Перевёл уведомления на Кафку",
        "entries": [(D(2026, 6, 2), "Перевёл уведомления на Kafka")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "В марте запустил новый онбординг",
        "entries": [(D(2026, 3, 12), "Запустил новый онбординг")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Обработал 1,5 тыс. заявок",
        "entries": [(D(2026, 6, 3), "Обработал 1500 заявок")],
        "known_names": REVIEW_KNOWN,
    },
    {
        "category": "unit synonym",
        "language": "en",
        "claim": "Lag went from 40 seconds to 2",
        "entries": [(D(2026, 3, 11), "Moved billing to Kafka, lag from 40 s to 2 s")],
        "known_names": REVIEW_KNOWN,
    },
]

# A batch written after review 12, in its style and before the check was changed for it:
# teams in lower case, ratios stated beside the figures they come from, aliases. Run on the
# check as it stood: 17 of the 23 inventions flagged, 9 of the 24 rewrites flagged.

INVENTIONS += [
    {
        "category": "invented team",
        "language": "en",
        "claim": "Worked with the data team on the nightly export",
        "entries": [(D(2026, 4, 6), "Fixed the nightly export with Oleg")],
        "invented": ["data team"],
    },
    {
        "category": "invented team",
        "language": "en",
        "claim": "Handed the on-call runbook over to the payments squad",
        "entries": [
            (D(2026, 4, 7), "Handed over the on-call runbook and walked through the alerts")
        ],
        "invented": ["payments squad"],
    },
    {
        "category": "invented team",
        "language": "en",
        "claim": "Presented the Q2 roadmap to the architecture group",
        "entries": [(D(2026, 4, 8), "Presented the Q2 roadmap at the weekly review")],
        "invented": ["architecture group"],
    },
    {
        "category": "inflated multiplier",
        "language": "en",
        "claim": "Halved the deploy time, from 30 to 20 minutes",
        "entries": [(D(2026, 4, 9), "Deploy time down from 30 min to 20 min")],
        "invented": ["Halved"],
    },
    {
        "category": "inflated multiplier",
        "language": "en",
        "claim": "Made search 4× faster, from 800 ms to 400 ms",
        "entries": [(D(2026, 4, 10), "Search p50 from 800 ms to 400 ms after the index rebuild")],
        "invented": ["4×"],
    },
    {
        "category": "money",
        "language": "en",
        "claim": "Cut the AWS bill by $3,400 a month",
        "entries": [(D(2026, 4, 13), "Rightsized the RDS instances: AWS bill down $3,400 a year")],
        "invented": ["$3,400 a month"],
    },
    {
        "category": "invented count",
        "language": "en",
        "claim": "Shadowed Kenji on two incident calls before joining the rotation",
        "entries": [
            (D(2026, 4, 14), "Shadowed Kenji on incident calls, joining the rotation next week")
        ],
        "invented": ["two"],
    },
    {
        "category": "invented system",
        "language": "en",
        "claim": "Replaced the cron jobs with Temporal workflows",
        "entries": [
            (D(2026, 4, 15), "Replaced the cron jobs with durable workflows, retries now automatic")
        ],
        "invented": ["Temporal"],
    },
    {
        "category": "changed figure",
        "language": "en",
        "claim": "Raised billing test coverage from 61% to 85%",
        "entries": [(D(2026, 4, 16), "Billing module coverage from 61% to 78%")],
        "invented": ["85%"],
    },
    {
        "category": "wrong date",
        "language": "en",
        "claim": "On March 18 rotated every production database credential",
        "entries": [(D(2026, 3, 16), "Rotated all production database credentials")],
        "invented": ["March 18"],
    },
    {
        "category": "invented system",
        "language": "en",
        "claim": "Moved session storage from Postgres to Redis",
        "entries": [(D(2026, 4, 17), "Moved session storage from MySQL to Redis")],
        "invented": ["Postgres"],
    },
    {
        "category": "invented percentage",
        "language": "en",
        "claim": "Cut queue wait time by 80%, from 10 to 4 minutes",
        "entries": [(D(2026, 4, 20), "Queue wait from 10 min to 4 min")],
        "invented": ["80%"],
    },
    {
        "category": "invented team",
        "language": "ru",
        "claim": "Вместе с отделом продаж подготовил прайс на 2027 год",
        "entries": [(D(2026, 6, 15), "Подготовил прайс на 2027 год")],
        "invented": ["отделом продаж"],
    },
    {
        "category": "invented team",
        "language": "ru",
        "claim": "Передал дежурство группе мониторинга",
        "entries": [(D(2026, 6, 16), "Передал дежурство, описал открытые алерты")],
        "invented": ["группе мониторинга"],
    },
    {
        "category": "invented team",
        "language": "ru",
        "claim": "Разобрал инцидент с Игорем из команды платформы",
        "entries": [(D(2026, 6, 17), "Разобрал инцидент вместе с Игорем")],
        "invented": ["команды платформы"],
    },
    {
        "category": "inflated multiplier",
        "language": "ru",
        "claim": "Ускорил отчёты вдвое: с 9 до 6 секунд",
        "entries": [(D(2026, 6, 18), "Отчёты строятся за 6 секунд вместо 9")],
        "invented": ["вдвое"],
    },
    {
        "category": "inflated multiplier",
        "language": "ru",
        "claim": "Сократил время ответа API в 4 раза, с 800 до 400 мс",
        "entries": [(D(2026, 6, 19), "Время ответа API с 800 мс до 400 мс")],
        "invented": ["4 раза"],
    },
    {
        "category": "invented system",
        "language": "ru",
        "claim": "Настроил алерты в PagerDuty для команды биллинга",
        "entries": [(D(2026, 6, 22), "Настроил алерты для команды биллинга")],
        "invented": ["PagerDuty"],
    },
    {
        "category": "invented count",
        "language": "ru",
        "claim": "Провёл пять собеседований на позицию тимлида",
        "entries": [(D(2026, 6, 23), "Провёл собеседования на позицию тимлида")],
        "invented": ["пять"],
    },
    {
        "category": "money",
        "language": "ru",
        "claim": "Сэкономил 40 000 ₽ в месяц на хранении логов",
        "entries": [(D(2026, 6, 24), "Сэкономил 40 000 ₽ в год на хранении логов")],
        "invented": ["40 000 ₽ в месяц"],
    },
    {
        "category": "wrong date",
        "language": "ru",
        "claim": "18 марта перевёл оплату на новый шлюз",
        "entries": [(D(2026, 3, 20), "Перевёл оплату на новый шлюз")],
        "invented": ["18 марта"],
    },
    {
        "category": "changed figure",
        "language": "ru",
        "claim": "Сократил время сборки с 14 до 6 минут",
        "entries": [(D(2026, 6, 25), "Сократил время сборки с 14 до 8 минут")],
        "invented": ["6 минут"],
    },
    {
        "category": "invented person",
        "language": "ru",
        "claim": "Вместе с Ольгой из аналитики настроил дашборд конверсии",
        "entries": [(D(2026, 6, 26), "Настроил дашборд конверсии для аналитики")],
        "invented": ["Ольгой"],
    },
]

FAITHFUL += [
    {
        "category": "paraphrase",
        "language": "en",
        "claim": "Helped the whole team move to the new on-call rotation",
        "entries": [(D(2026, 4, 6), "Moved everyone to the new on-call rotation")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Paired with the platform team on the queue migration",
        "entries": [(D(2026, 4, 7), "Paired with the Platform team on the queue migration")],
    },
    {
        "category": "multiplier",
        "language": "en",
        "claim": "Doubled importer throughput, from 500 to 1,000 rows per second",
        "entries": [(D(2026, 4, 8), "Importer throughput 500 → 1000 rows/s")],
    },
    {
        "category": "multiplier",
        "language": "en",
        "claim": "Made the dashboard 3× faster, 1.2 s down to 0.4 s",
        "entries": [(D(2026, 4, 9), "Dashboard load from 1.2 s to 0.4 s")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Upgraded the reporting cluster to Postgres 16",
        "entries": [(D(2026, 4, 10), "Upgraded the reporting cluster to PostgreSQL 16")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Moved the cron jobs onto k8s",
        "entries": [(D(2026, 4, 13), "Moved the cron jobs onto Kubernetes")],
    },
    {
        "category": "names",
        "language": "en",
        "claim": "Worked with our security team on the pen-test fixes",
        "entries": [(D(2026, 4, 14), "Pen-test fixes done together with Security")],
    },
    {
        "category": "multiplier",
        "language": "en",
        "claim": "Halved checkout p95: 600 ms to 300 ms",
        "entries": [(D(2026, 4, 15), "Checkout p95 down from 600 ms to 300 ms")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Cut cloud spend from $9,000 to $6,000 a month",
        "entries": [(D(2026, 4, 16), "Cloud spend from $9,000/month to $6,000/month")],
    },
    {
        "category": "number format",
        "language": "en",
        "claim": "Onboarded two new hires onto the billing codebase",
        "entries": [(D(2026, 4, 17), "Onboarded 2 new hires onto billing")],
    },
    {
        "category": "multiplier",
        "language": "en",
        "claim": "Cut p95 of the search API by 40%, from 500 to 300 ms",
        "entries": [(D(2026, 4, 20), "Search API p95 from 500 ms to 300 ms")],
    },
    {
        "category": "paraphrase",
        "language": "en",
        "claim": "Ran the retro with my team after the outage",
        "entries": [(D(2026, 4, 21), "Ran the outage retro")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Вместе с командой поддержки разобрал очередь обращений",
        "entries": [(D(2026, 6, 15), "Разобрал очередь обращений с командой поддержки")],
    },
    {
        "category": "paraphrase",
        "language": "ru",
        "claim": "Помог всей команде перейти на новый процесс релизов",
        "entries": [(D(2026, 6, 16), "Перевёл всех на новый процесс релизов")],
    },
    {
        "category": "multiplier",
        "language": "ru",
        "claim": "Ускорил сборку вдвое: с 10 до 5 минут",
        "entries": [(D(2026, 6, 17), "Сборка теперь 5 минут вместо 10")],
    },
    {
        "category": "multiplier",
        "language": "ru",
        "claim": "Сократил время отклика в 3 раза, с 900 до 300 мс",
        "entries": [(D(2026, 6, 18), "Время отклика с 900 мс до 300 мс")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Перевёл отчёты с Postgres на ClickHouse",
        "entries": [(D(2026, 6, 19), "Перевёл отчёты с PostgreSQL на ClickHouse")],
    },
    {
        "category": "paraphrase",
        "language": "ru",
        "claim": "Согласовал с командой сроки релиза",
        "entries": [(D(2026, 6, 22), "Согласовали сроки релиза 2.4")],
    },
    {
        "category": "paraphrase",
        "language": "ru",
        "claim": "Помог команде быстрее закрывать инциденты",
        "entries": [
            (D(2026, 6, 23), "Ускорил закрытие инцидентов: разобрал алерты и дежурный runbook")
        ],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Подключил команду мобильной разработки к новому CI",
        "entries": [(D(2026, 6, 24), "Подключил мобильную разработку к новому CI")],
    },
    {
        "category": "number format",
        "language": "ru",
        "claim": "Провёл 1:1 с тремя новыми разработчиками",
        "entries": [(D(2026, 6, 25), "1:1 с 3 новыми разработчиками")],
    },
    {
        "category": "date written another way",
        "language": "ru",
        "claim": "В апреле закрыл 40 задач техдолга",
        "entries": [(D(2026, 4, 28), "Закрыл 40 задач техдолга за месяц")],
    },
    {
        "category": "names",
        "language": "ru",
        "claim": "Вместе с Сергеем из отдела кадров обновил онбординг",
        "entries": [(D(2026, 6, 26), "Обновил онбординг, Сергей из отдела кадров помогал")],
    },
    {
        "category": "multiplier",
        "language": "ru",
        "claim": "Сократил число алертов в 4 раза: с 200 до 50 в неделю",
        "entries": [(D(2026, 6, 29), "Число алертов с 200 до 50 в неделю")],
    },
]
