"""Project-wide checks: migrations, one <h1> a page, Vietnamese by default, CSP, settings."""

import ast
import gettext
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "vi" / "LC_MESSAGES"


@pytest.mark.django_db
def test_it_has_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def _pages(f):
    return [
        ("members:list", []),
        ("members:detail", [f["member"].pk]),
        ("members:create", []),
        ("members:edit", [f["member"].pk]),
        ("members:transfer", [f["member"].pk]),
        ("members:cell", []),
        ("members:unit_edit", [f["unit"].pk]),
        ("password_change", []),
        ("password_change_done", []),
    ]


def test_it_has_exactly_one_h1_on_every_page(client_for, secretary, member, unit, client):
    pages = _pages({"member": member, "unit": unit})
    secretary_client = client_for(secretary)
    for name, args in pages:
        html = secretary_client.get(reverse(name, args=args)).content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, name
    for html in [client.get(reverse("login")).content.decode(), secretary_client.get("/nowhere/").content.decode()]:
        assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_it_speaks_vietnamese_by_default(client_for, secretary):
    response = client_for(secretary).get(reverse("members:list"))
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Danh sách đảng viên" in html and "Đăng xuất" in html


def test_it_switches_to_english_and_back(client_for, secretary):
    client = client_for(secretary)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Party members" in client.get(reverse("members:list")).content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Danh sách đảng viên" in client.get(reverse("members:list")).content.decode()


def _po_entries(path: Path) -> dict[str, str]:
    entries, key, current = {}, None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[0\])?) (".*")$', line)
        if match:
            key = match.group(1)
            current = current if key != "msgid" else {}
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and current is not None:
            current[key] += ast.literal_eval(line)
        elif not line.strip() and current:
            msgstr = current.get("msgstr", current.get("msgstr[0]", ""))
            entries[current["msgid"]] = msgstr
            current = None
    entries.pop("", None)
    return entries


def test_it_translates_every_string_and_ships_the_compiled_catalogue():
    po = _po_entries(CATALOGUE / "django.po")
    assert len(po) > 100
    untranslated = [msgid for msgid, msgstr in po.items() if not msgstr]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert "#, fuzzy" not in (CATALOGUE / "django.po").read_text(encoding="utf-8")
    with open(CATALOGUE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [msgid for msgid, msgstr in po.items() if compiled.gettext(msgid) != msgstr]
    assert not stale, f"django.mo is older than django.po (run make messages): {stale[:5]}"


def test_it_translates_a_known_string_at_run_time():
    with translation.override("vi"):
        assert translation.gettext("Party members") == "Danh sách đảng viên"
        assert translation.gettext("Secretary") == "Bí thư"


def test_it_formats_dates_as_dd_mm_yyyy():
    from datetime import date

    from django.utils.formats import date_format

    with translation.override("vi"):
        assert date_format(date(2026, 2, 5), "SHORT_DATE_FORMAT") == "05/02/2026"
        assert date_format(date(2026, 2, 5)) == "05/02/2026"


def test_it_sends_a_strict_content_security_policy(client_for, secretary):
    response = client_for(secretary).get(reverse("members:list"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_it_has_no_inline_script_style_or_cdn_in_templates():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        if "pdf" in path.parts or "notifications" in path.parts:  # print and mail: never served as pages
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=\"|\son[a-z]+=\"|https?://", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders


def test_it_passes_the_deploy_check_in_production_mode():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
        "ALLOWED_HOSTS": "chibo.example.org",
        "DATABASE_URL": "postgres://chibo@127.0.0.1:5432/chibo",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "DATABASE_URL": "postgres://chibo@127.0.0.1:5432/chibo"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_it_stays_vietnamese_for_a_browser_set_to_english(client_for, secretary):
    response = client_for(secretary).get(reverse("members:list"), headers={"accept-language": "en-US,en;q=0.9"})
    assert "Danh sách đảng viên" in response.content.decode()
    assert response["Content-Language"] == "vi"


# Every page of the query-pin list, as each persona that may open it: one <h1>, lang="vi",
# the strict CSP and no word of the app's English source strings.

WORD = re.compile(r"[A-Za-z]{4,}")
VISIBLE_ATTRIBUTES = re.compile(r'\s(?:title|placeholder|aria-label|alt)="([^"]*)"')


def _english_words() -> set[str]:
    """Words of the app's English msgids that no Vietnamese translation uses (PDF, Excel … are shared)."""
    po = _po_entries(CATALOGUE / "django.po")
    placeholder = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
    english = {w.lower() for msgid in po for w in WORD.findall(placeholder.sub(" ", msgid))}
    vietnamese = {w.lower() for msgstr in po.values() for w in WORD.findall(placeholder.sub(" ", msgstr))}
    return english - vietnamese


ENGLISH = _english_words()


def visible_text(html: str) -> str:
    import html as html_lib

    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # An element marked as another language (the switch to English says so in English) is not Vietnamese text.
    body = re.sub(r'<(\w+)\b[^>]*\slang="(?!vi")[^"]+"[^>]*>.*?</\1>', " ", body, flags=re.S)
    attributes = " ".join(VISIBLE_ATTRIBUTES.findall(body))
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", body) + " " + attributes)


def english_in(text: str, known: set[str]) -> set[str]:
    return {w for w in WORD.findall(text) if w.lower() in ENGLISH and w.lower() not in known}


def _pinned_pages():
    from tests.test_queries import PINNED

    return sorted(PINNED)


@pytest.mark.parametrize("name", _pinned_pages())
def test_every_page_is_one_h1_vietnamese_and_under_the_csp_for_each_persona(name, personas, world):
    from tests.test_queries import PINNED, QUERIES

    _pinned, args, _grow = PINNED[name]
    url = reverse(name, args=args(world) if args else None) + QUERIES.get(name, "")
    # Logins and the world's names are data, not the interface.
    known = {p.user.username.lower() for p in (world["secretary"], world["committee"], world["member"])}
    known.add("outsider")
    opened = 0
    for persona in ("outsider", "member", "committee", "secretary"):
        response = personas[persona].get(url)
        opened += response.status_code == 200
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, (name, persona)
        assert '<html lang="vi">' in html, (name, persona)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, (name, persona)
        assert not english_in(visible_text(html), known), (name, persona, english_in(visible_text(html), known))
    assert opened, f"{name}: no persona could open it"


def test_the_english_check_finds_an_untranslated_string():
    assert "meeting" in ENGLISH and "minutes" in ENGLISH
    assert "minutes" in english_in(visible_text("<h1>Biên bản</h1><p>Save the minutes</p>"), set())
    assert not english_in(visible_text('<p title="Lưu">Biên bản cuộc họp</p>'), set())


def _form_classes():
    import importlib
    import inspect as inspect_module
    import pkgutil

    from django import forms

    for app in ["members", "documents", "assignments", "evaluations", "dues", "meetings", "supervision"]:
        package = importlib.import_module(app)
        names = [f"{app}.forms"]
        forms_package = ROOT / app / "forms"
        if forms_package.is_dir():
            names = [f"{app}.forms.{m.name}" for m in pkgutil.iter_modules([str(forms_package)])]
        for name in names:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            for _name, cls in inspect_module.getmembers(module, inspect_module.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__ and package:
                    yield cls


def test_every_text_field_of_every_form_has_a_maximum_length():
    """A text without a limit (a 2.3 MB minutes text) took a PDF 23 s; TextLimits gives every field one."""
    from django import forms

    from members.forms import TextLimits

    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None and not issubclass(cls, TextLimits)
    ]
    assert not unbounded, unbounded


def test_every_date_field_of_every_form_takes_only_sensible_years():
    from django import forms

    from members.forms import SensibleYears

    loose = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, SensibleYears)
    ]
    assert not loose, loose
