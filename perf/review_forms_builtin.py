"""The built-in review forms' words, in English and Russian, per role.

Written out per language rather than through gettext: a form is content the review is
written in (the summary's language, which can differ from the page's), and the Russian
is written as a Russian form would ask, not translated word for word."""

COO, SELF_REVIEW, PROMOTION = "coo", "self-review", "promotion"
BUILTIN_KEYS = (COO, SELF_REVIEW, PROMOTION)

NAMES = {
    "en": {
        COO: "Context / Outputs / Outcomes per goal",
        SELF_REVIEW: "Self-review",
        PROMOTION: "Promotion packet",
    },
    "ru": {
        COO: "Контекст / результаты работы / эффект по целям",
        SELF_REVIEW: "Самооценка",
        PROMOTION: "Пакет на повышение",
    },
}

# (text, guidance, limit) per question.
QUESTIONS = {
    ("en", SELF_REVIEW, "engineer"): [
        ("What were your most important accomplishments this period?",
         "The two or three results you are proudest of: what you built, fixed or shipped, "
         "and where it stands now.", 1500),
        ("What impact did your work have?",
         "Who benefited and how: users, customers, the team, the business. Give figures where "
         "the journal has them: latency, incidents, revenue, time saved.", 1500),
        ("How did you work with others?",
         "Reviews, pairing, help given and received, work with other teams, disagreements "
         "resolved.", 1000),
        ("How did you grow, and what did you learn?",
         "New skills, areas or responsibilities you took on, feedback you acted on, mistakes "
         "you learned from.", 1000),
        ("What will you focus on in the next period?",
         "Two or three goals for the next period, and the support you need to reach them.",
         1000),
    ],
    ("en", SELF_REVIEW, "manager"): [
        ("What were your team's most important results this period?",
         "What the team delivered and your part in it: priorities you set, risks you removed, "
         "decisions you made.", 1500),
        ("What impact did the team's work have on the organisation?",
         "The effect on users, customers, other teams and the business, with figures where "
         "the journal has them.", 1500),
        ("How did you work with peers, partners and stakeholders?",
         "Plans made across teams, alignment with product and leadership, conflicts "
         "resolved, dependencies unblocked.", 1000),
        ("How did you grow your people, and yourself?",
         "Coaching and feedback, promotions and new responsibilities on the team, hiring and "
         "onboarding; what you learned as a manager.", 1000),
        ("What will you and your team focus on in the next period?",
         "The team's priorities and your own development goals, and the support you need.",
         1000),
    ],
    ("en", PROMOTION, "engineer"): [
        ("Technical depth: where did you solve problems at the next level's scope?",
         "Evidence at the next level: designs you owned end to end, hard problems you solved, "
         "systems you made simpler, faster or more reliable, technical decisions others now "
         "follow.", 2000),
        ("Execution: how did you deliver complex work reliably?",
         "Evidence at the next level: projects spanning weeks or several people that you "
         "planned and landed, scope and risks you managed, incidents you handled, quality "
         "kept under deadlines.", 2000),
        ("Collaboration: how did you make the people around you more effective?",
         "Evidence at the next level: work across teams, reviews and mentoring that raised "
         "others' work, alignment you built with product and partners.", 2000),
        ("Leadership: where did you lead without being asked?",
         "Evidence at the next level: initiatives you started, direction you set for a "
         "project or area, practices you introduced, people who grew with your help.", 2000),
    ],
    ("en", PROMOTION, "manager"): [
        ("People leadership: how did you grow and support your team?",
         "Evidence at the next level: people you coached into bigger roles, feedback and "
         "performance problems you handled, a team kept healthy through change.", 2000),
        ("Team delivery: how did your team deliver under your leadership?",
         "Evidence at the next level: commitments the team met, planning and prioritisation "
         "you ran, risks and dependencies you managed, delivery that improved.", 2000),
        ("Organisational impact: where did your influence reach beyond your team?",
         "Evidence at the next level: initiatives across teams you led, processes you changed "
         "for the wider organisation, strategy you shaped with leadership and product.", 2000),
        ("Hiring and team building: how did you build the team?",
         "Evidence at the next level: roles you defined and filled, the hiring bar you held, "
         "onboarding you improved, a team structure that scales.", 2000),
    ],
    ("ru", SELF_REVIEW, "engineer"): [
        ("Каких главных результатов вы добились за этот период?",
         "Два-три результата, которыми вы гордитесь больше всего: что сделали, исправили или "
         "запустили и к чему это привело.", 1500),
        ("Какой эффект дала ваша работа?",
         "Кому и чем она помогла: пользователям, клиентам, команде, бизнесу. Приводите цифры, "
         "если они есть в журнале: задержки, инциденты, выручка, сэкономленное время.", 1500),
        ("Как вы работали с коллегами?",
         "Код-ревью, работа в паре, помощь другим и помощь, которую получили вы, работа со "
         "смежными командами, как решались разногласия.", 1000),
        ("Чему вы научились и как выросли?",
         "Новые навыки, области и обязанности, которые вы взяли на себя; обратная связь, после "
         "которой вы что-то изменили; ошибки и выводы из них.", 1000),
        ("На чём вы сосредоточитесь в следующем периоде?",
         "Две-три цели на следующий период и поддержка, которая нужна, чтобы их достичь.",
         1000),
    ],
    ("ru", SELF_REVIEW, "manager"): [
        ("Каких главных результатов добилась ваша команда за этот период?",
         "Что сделала команда и какова в этом ваша роль: какие приоритеты вы задали, какие "
         "риски сняли, какие решения приняли.", 1500),
        ("Как работа команды повлияла на компанию?",
         "Эффект для пользователей, клиентов, других команд и бизнеса — с цифрами, если они "
         "есть в журнале.", 1500),
        ("Как вы работали со смежными командами, партнёрами и заказчиками?",
         "Совместное планирование, согласование с продуктом и руководством, разрешённые "
         "конфликты, снятые зависимости.", 1000),
        ("Как росли ваши люди и вы сами?",
         "Наставничество и обратная связь, повышения и новые зоны ответственности в команде, "
         "найм и адаптация новичков; чему вы научились как руководитель.", 1000),
        ("На чём вы с командой сосредоточитесь в следующем периоде?",
         "Приоритеты команды, ваши собственные цели развития и поддержка, которая вам нужна.",
         1000),
    ],
    ("ru", PROMOTION, "engineer"): [
        ("Техническая глубина: какие задачи уровня следующего грейда вы решили?",
         "Что считается подтверждением: архитектура, за которую вы отвечали от начала до "
         "конца; сложные задачи, которые вы решили; системы, ставшие проще, быстрее или "
         "надёжнее; технические решения, которым теперь следуют другие.", 2000),
        ("Исполнение: как вы доводили сложную работу до результата?",
         "Что считается подтверждением: проекты на несколько недель или нескольких человек, "
         "которые вы спланировали и довели до конца; управление объёмом и рисками; разбор "
         "инцидентов; качество при жёстких сроках.", 2000),
        ("Взаимодействие: как вы помогали людям вокруг работать лучше?",
         "Что считается подтверждением: работа со смежными командами, ревью и менторство, "
         "после которых другие стали работать лучше, договорённости с продуктом и партнёрами.",
         2000),
        ("Лидерство: где вы брали инициативу на себя, не дожидаясь просьбы?",
         "Что считается подтверждением: начатые вами инициативы, направление, которое вы "
         "задали проекту или области, введённые практики, люди, выросшие с вашей помощью.",
         2000),
    ],
    ("ru", PROMOTION, "manager"): [
        ("Управление людьми: как вы развивали и поддерживали команду?",
         "Что считается подтверждением: люди, которых вы вырастили до более сложных ролей; "
         "обратная связь и разобранные проблемы с результативностью; команда, сохранившая "
         "устойчивость в период перемен.", 2000),
        ("Результаты команды: чего команда добилась под вашим руководством?",
         "Что считается подтверждением: выполненные обязательства, планирование и расстановка "
         "приоритетов, управление рисками и зависимостями, рост предсказуемости поставки.",
         2000),
        ("Влияние на организацию: где ваше влияние вышло за пределы команды?",
         "Что считается подтверждением: межкомандные инициативы под вашим руководством, "
         "изменённые процессы, стратегия, которую вы формировали с руководством и продуктом.",
         2000),
        ("Найм и построение команды: как вы собирали команду?",
         "Что считается подтверждением: роли, которые вы определили и закрыли, планка найма, "
         "которую вы держали, улучшенная адаптация новичков, масштабируемая структура "
         "команды.", 2000),
    ],
}  # fmt: skip


def builtin_content(key: str, language: str, role: str):
    """(name, [(text, guidance, limit)]) of a built-in; None for an unknown key."""
    if key not in BUILTIN_KEYS:
        return None
    return NAMES[language][key], QUESTIONS.get((language, key, role), [])
