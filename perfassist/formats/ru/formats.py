# "1 декабря 2026": the genitive month (E), without Django's "г.", which doubles up in a list
# of dates such as "(3 марта 2026, 5 марта 2026)".
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
