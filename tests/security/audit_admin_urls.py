"""A test-only admin site that offers the audit log read-write, as a careless admin class would: the real
one (members/admin.py) refuses every change itself, so the database's refusal is shown through this one."""

from django.contrib import admin
from django.urls import path

from chibo import urls as project_urls
from members.models import AuditEntry

site = admin.AdminSite(name="rw_admin")
site.register(AuditEntry)

# The app's own URLs stay: saving a record reverses its address (the search index keeps a link to it).
urlpatterns = [path("rw-admin/", site.urls), *project_urls.urlpatterns]
