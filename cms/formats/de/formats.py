"""German dates as the office writes them, everywhere in the admin: 15.01.2030, 15.01.2030 10:00
(Django's German locale writes "15. Januar 2030"; the date pickers use WAGTAIL_*_FORMAT).

Typed input is read in these forms and, as Django adds for every language, in ISO form
(2030-01-15, 2030-01-15 10:00, 2030-01-15T10:00); anything else is a form error (cms/dates.py)."""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",  # 24.12.2026 10:00, what the picker writes
    "%d.%m.%Y, %H:%M",  # 24.12.2026, 10:00, as dates are written in German text
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y, %H:%M:%S",
]
