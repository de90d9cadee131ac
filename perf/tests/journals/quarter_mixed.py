"""A quarter's journal, July to September 2026, Russian and English mixed, no goals defined.

Written before round 2 of the draft without AI changed the code, and never tuned on: it
checks that what was tuned on the half-year journals holds on a journal nobody looked at
while tuning. Four projects (single sign-on on Keycloak, tracing with OpenTelemetry, the
pricing service rewritten in Go, the developer portal on Backstage), routine that repeats,
typos, English and Russian in one journal and often in one entry.

Each entry is (date, type, text, project): the project it really belongs to, "misc" for
a one-off, None for routine.
"""

import datetime

D = datetime.date

LANGUAGE = "ru"

PROJECTS = {
    "sso": "Single sign-on on Keycloak",
    "tracing": "Distributed tracing with OpenTelemetry",
    "pricing": "The pricing service rewritten in Go",
    "portal": "The developer portal on Backstage",
}

ENTRIES = [
    (D(2026, 7, 1), "fact", "Стендап и планирование спринта", None),
    (D(2026, 7, 1), "fact", "Собрал требования к SSO от трёх команд", "sso"),
    (D(2026, 7, 2), "plan", "Поднять Keycloak на стейджинге", "sso"),
    (D(2026, 7, 2), "fact", "Compared Keycloak and Authentik for our SSO, wrote the ADR", "sso"),
    (D(2026, 7, 3), "fact", "Разбирал почту", None),
    (D(2026, 7, 6), "fact", "Стендап и планирование спринта", None),
    (D(2026, 7, 6), "fact", "Поднял Keycloak на стейджинге в кубере", "sso"),
    (
        D(2026, 7, 7),
        "fact",
        "Profiled the pricing service: 60% of CPU goes to JSON parsing",
        "pricing",
    ),
    (D(2026, 7, 8), "fact", "Code review for the platform team", None),
    (D(2026, 7, 8), "fact", "Набросал скелет нового pricing-сервиса на Go", "pricing"),
    (D(2026, 7, 9), "fact", "1:1 с руководителем", None),
    (D(2026, 7, 10), "fact", "Realm и клиенты в Keycloak описаны в Terraform", "sso"),
    (D(2026, 7, 13), "fact", "Стендап и планирование спринта", None),
    (
        D(2026, 7, 13),
        "fact",
        "OpenTelemetry collector в кластере, пока только для трейсов",
        "tracing",
    ),
    (D(2026, 7, 14), "fact", "Перенёс расчёт скидок в новый сервис цен", "pricing"),
    (D(2026, 7, 15), "fact", "Дежурство по продакшену", None),
    (D(2026, 7, 15), "fact", "Подключил Grafana к Keycloak через OIDC", "sso"),
    (D(2026, 7, 16), "fact", "Instrumented the checkout service with OTel spans", "tracing"),
    (D(2026, 7, 16), "plan", "Backstage: каталог сервисов", "portal"),
    (
        D(2026, 7, 20),
        "fact",
        "Golden tests: старый и новый сервис цен на одних запросах",
        "pricing",
    ),
    (
        D(2026, 7, 21),
        "fact",
        "Подняли Backstage, импортировал каталог сервисов из GitHub",
        "portal",
    ),
    (D(2026, 7, 22), "fact", "1:1 с руководителем", None),
    (D(2026, 7, 22), "fact", "Tempo as the trace backend, retention 7 days", "tracing"),
    (D(2026, 7, 23), "fact", "Помог соседней команде с переездом на новый VPN", "misc"),
    (D(2026, 7, 24), "fact", "Дежурство по продакшену", None),
    (D(2026, 7, 27), "fact", "Стендап и планирование спринта", None),
    (D(2026, 7, 27), "fact", "Вход в Jenkins и ArgoCD через Keycloak SSO", "sso"),
    (
        D(2026, 7, 28),
        "fact",
        "Новый pricing-сервис: p99 с 480 мс до 60 мс на нагрузочном тесте",
        "pricing",
    ),
    (D(2026, 7, 29), "fact", "Code review для платформенной команды", None),
    (D(2026, 7, 29), "fact", "Propagated trace context through Kafka headers", "tracing"),
    (D(2026, 7, 30), "fact", "Шаблон нового сервиса в Backstage scaffolder", "portal"),
    (D(2026, 7, 31), "fact", "Разбирал почту", None),
    (D(2026, 8, 3), "fact", "Стендап и планирование спринта", None),
    (D(2026, 8, 3), "fact", "MFA для админов в Keycloak, TOTP и WebAuthn", "sso"),
    (D(2026, 8, 4), "fact", "Сэмплирование трейсов: tail-based в коллекторе", "tracing"),
    (D(2026, 8, 5), "fact", "1:1 с руководителем", None),
    (D(2026, 8, 5), "fact", "Перевёл 10% трафика цен на новый сервис", "pricing"),
    (D(2026, 8, 6), "fact", "Дежурство по продакшену", None),
    (
        D(2026, 8, 6),
        "fact",
        "TechDocs in Backstage: docs built from each repo's markdown",
        "portal",
    ),
    (
        D(2026, 8, 7),
        "fact",
        "Расхождения в ценах между сервисами: округление валют, починил",
        "pricing",
    ),
    (D(2026, 8, 10), "fact", "Трейсы теперь связаны с логами в Grafana по trace_id", "tracing"),
    (
        D(2026, 8, 11),
        "fact",
        "Moved the admin panel login to SSO, killed the local passwords",
        "sso",
    ),
    (D(2026, 8, 12), "fact", "Подготовил доклад для внутреннего митапа", "misc"),
    (D(2026, 8, 12), "fact", "Code review for the platform team", None),
    (D(2026, 8, 13), "fact", "Разбирал почту", None),
    (D(2026, 8, 14), "fact", "Кеш прайс-листов в Redis для нового сервиса цен", "pricing"),
    (D(2026, 8, 17), "fact", "Стендап и планирование спринта", None),
    (
        D(2026, 8, 17),
        "fact",
        "Нашёл через трейсы N+1 запрос в корзине: 40 запросов к БД на запрос",
        "tracing",
    ),
    (
        D(2026, 8, 18),
        "fact",
        "Время ответа корзины снизилось с 900 мс до 200 мс после фикса N+1",
        "tracing",
    ),
    (D(2026, 8, 19), "fact", "1:1 с руководителем", None),
    (D(2026, 8, 19), "fact", "Keycloak в HA: два инстанса и Infinispan", "sso"),
    (D(2026, 8, 20), "fact", "Дежурство по продакшену", None),
    (D(2026, 8, 20), "fact", "Плагин Backstage для дежурств из PagerDuty", "portal"),
    (D(2026, 8, 21), "fact", "Half of the pricing traffic on the Go service", "pricing"),
    (D(2026, 8, 24), "fact", "Отпуск: передал дела", "misc"),
    (D(2026, 9, 7), "fact", "Разбирал почту после отпуска", None),
    (D(2026, 9, 7), "fact", "Стендап и планирование спринта", None),
    (D(2026, 9, 8), "fact", "Разбирал почту после отпуска", None),
    (D(2026, 9, 8), "fact", "Оставшиеся сервисы переведены на вход через SSO", "sso"),
    (D(2026, 9, 9), "fact", "Service map from traces, shown at the architecture review", "tracing"),
    (D(2026, 9, 9), "fact", "Code review для платформенной команды", None),
    (D(2026, 9, 10), "fact", "Весь трафик цен на новом сервисе, старый на PHP выключил", "pricing"),
    (D(2026, 9, 10), "plan", "Ретро по миграции цен", "pricing"),
    (
        D(2026, 9, 11),
        "fact",
        "Облако на pricing-сервис подешевело с $4,200 до $900 в месяц",
        "pricing",
    ),
    (D(2026, 9, 14), "fact", "Обучил дежурных искать причину по трейсам в Tempo", "tracing"),
    (D(2026, 9, 15), "fact", "Backstage scorecards: у каждого сервиса владелец и ранбук", "portal"),
    (D(2026, 9, 16), "fact", "1:1 с руководителем", None),
    (D(2026, 9, 16), "fact", "Тикеты в поддержку про пароли сократились с 30 до 4 в неделю", "sso"),
    (D(2026, 9, 17), "fact", "Дежурство по продакшену", None),
    (D(2026, 9, 17), "fact", "Ретро по миграции цен: записал выводы", "pricing"),
    (
        D(2026, 9, 18),
        "fact",
        "Онбординг новичка через портал: с 5 дней до 2 на первый деплой",
        "portal",
    ),
    (D(2026, 9, 21), "fact", "Стендап и планирование спринта", None),
    (D(2026, 9, 21), "fact", "Alerts on trace error rate per servise", "tracing"),
    (D(2026, 9, 22), "fact", "Разбирал почту", None),
    (D(2026, 9, 23), "fact", "Keycloak upgrade to 25, zero downtime with the HA pair", "sso"),
    (D(2026, 9, 24), "fact", "Провёл демо портала для всех команд", "portal"),
    (D(2026, 9, 25), "fact", "Квартальный отчёт по платформе для руководства", "misc"),
    (
        D(2026, 9, 29),
        "fact",
        "Трейсинг включён для 100% сервисов, MTTR с 50 минут до 15",
        "tracing",
    ),
    (D(2026, 9, 30), "fact", "Code review for the platform team", None),
]
