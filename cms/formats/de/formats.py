"""German dates as the office writes them, everywhere in the admin: 15.01.2030, 15.01.2030 10:00
(Django's German locale writes "15. Januar 2030"; the date pickers use WAGTAIL_*_FORMAT)."""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
