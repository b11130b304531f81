from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.frozen import FrozenRow
from core.textwidth import HEADER_COLUMN_MM, wrap_to_width


def committee_of(name: str) -> str:
    """The committee that leads a party organisation: "Đảng bộ X" is led by "Đảng ủy X"; another name is kept."""
    name = name.strip()
    for prefix in ("Đảng bộ ", "đảng bộ ", "ĐẢNG BỘ "):
        if name.startswith(prefix):
            return "Đảng ủy " + name[len(prefix) :]
    return name


class Organisation(models.Model):
    """A superior party organisation (đảng bộ cơ sở) above cells: its committee (đảng ủy) supervises them and
    reads their meetings, read-only, through its officers (``CommitteeOfficer``)."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example Đảng bộ Viện kiểm sát nhân dân tỉnh Tuyên Quang.")
    )
    committee_name = models.CharField(
        _("name of its committee"),
        max_length=200,
        help_text=_("Issues its reports, e.g. Đảng ủy Viện kiểm sát nhân dân tỉnh Tuyên Quang."),
    )
    superior_name = models.CharField(
        _("its own superior committee"),
        max_length=200,
        blank=True,
        help_text=_("First line of the header of its reports, e.g. Đảng bộ Khối các cơ quan tỉnh."),
    )
    document_code = models.CharField(
        _("document code"), max_length=20, default="ĐU", help_text=_("Used in document numbers, e.g. 05-BC/ĐU.")
    )
    place_name = models.CharField(
        _("place name"), max_length=100, help_text=_("For the date line of documents, e.g. Tuyên Quang.")
    )
    # After the meeting the resolution is posted and reported upward within 2 days (HD 42-HD/BTCTW, local
    # practice, to confirm): minutes approved or a resolution reported later than this stand out.
    report_within_days = models.PositiveSmallIntegerField(
        _("minutes approved and resolution reported within (days)"),
        default=2,
        validators=[MaxValueValidator(60)],
        help_text=_("HD 42-HD/BTCTW, local practice: 2 days."),
    )
    attendance_min = models.PositiveSmallIntegerField(
        _("attendance below which a cell stands out (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    two_factor_required = models.BooleanField(
        _("two-step login for its officers"),
        default=True,
        help_text=_("Its officers enter a code from an authenticator app after their password."),
    )

    class Meta:
        verbose_name = _("superior party organisation")
        verbose_name_plural = _("superior party organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def superior_committee(self) -> str:
        """Who its reports go to (Nơi nhận: "Đảng ủy Khối … (để báo cáo)")."""
        return committee_of(self.superior_name)


class Cell(models.Model):
    """A party cell (chi bộ): the app's tenant. Every record belongs to one."""

    name = models.CharField(_("name"), max_length=200)
    document_code = models.CharField(
        _("document code"),
        max_length=20,
        default="CB",
        help_text=_("Used in document numbers, e.g. 05-NQ/CB."),
    )
    superior_name = models.CharField(
        _("superior party committee"),
        max_length=200,
        help_text=_("Shown in document headers, e.g. Đảng bộ Viện kiểm sát nhân dân tỉnh Tuyên Quang."),
    )
    superior_header = models.TextField(
        _("superior committee as printed in the header"),
        max_length=200,
        blank=True,
        help_text=_(
            "One line per printed line, in the accepted short form, e.g. “ĐẢNG BỘ VIỆN KSND” then "
            "“TỈNH TUYÊN QUANG”. Empty: the full name, cut between words."
        ),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cells",
        verbose_name=_("superior party organisation"),
        help_text=_("Its committee's officers read the cell's meetings and approved documents."),
    )
    place_name = models.CharField(
        _("place name"), max_length=100, help_text=_("For the date line of documents, e.g. Tuyên Quang.")
    )
    term_label = models.CharField(_("committee term"), max_length=20, help_text=_("For example 2022–2025."))
    term_start = models.DateField(_("term start date"))
    # Meeting rules, kept as data (Chỉ thị 50-CT/TW and Hướng dẫn 42-HD/BTCTW, 2025).
    meeting_minutes_min = models.PositiveSmallIntegerField(
        _("minimum length of a regular meeting (minutes)"), default=90, help_text=_("HD 42-HD/BTCTW: 90 minutes.")
    )
    meeting_minutes_min_thematic = models.PositiveSmallIntegerField(
        _("minimum length with a thematic topic (minutes)"), default=120, help_text=_("HD 42-HD/BTCTW: 120 minutes.")
    )
    professional_share_min = models.PositiveSmallIntegerField(
        _("professional work: lowest share of the content time (%)"), default=30
    )
    professional_share_max = models.PositiveSmallIntegerField(
        _("professional work: highest share of the content time (%)"), default=50
    )
    # Meeting quality levels (local sheets under HD 42-HD/BTCTW), out of 100.
    quality_good_min = models.PositiveSmallIntegerField(_("“Good” meeting from (points)"), default=90)
    quality_fair_min = models.PositiveSmallIntegerField(_("“Fair” meeting from (points)"), default=70)
    quality_average_min = models.PositiveSmallIntegerField(_("“Average” meeting from (points)"), default=50)
    # Tasks: how many days before its due date a task is marked "due soon".
    task_due_soon_days = models.PositiveSmallIntegerField(
        _("a task is “due soon” this many days before its due date"),
        default=7,
        validators=[MaxValueValidator(60)],
    )
    # Mail reminders (members.notifications): a member is reminded of an open task this many days before it is due.
    task_reminder_days = models.PositiveSmallIntegerField(
        _("remind a member of a task this many days before its due date"),
        default=3,
        validators=[MaxValueValidator(60)],
        help_text=_("By email, once per task and due date; 0 reminds on the due date itself."),
    )
    # Yearly classification of members (Quy định 366-QĐ/TW): 30 points of common criteria + 70 of task results.
    rating_common_points = models.PositiveSmallIntegerField(
        _("classification: points for the common criteria"), default=30, validators=[MaxValueValidator(100)]
    )
    rating_task_points = models.PositiveSmallIntegerField(
        _("classification: points for task results"), default=70, validators=[MaxValueValidator(100)]
    )
    rating_light_deduction = models.PositiveSmallIntegerField(
        _("classification: points off the common criteria per reminder or criticism"),
        default=3,
        validators=[MaxValueValidator(100)],
    )
    rating_discipline_deduction = models.PositiveSmallIntegerField(
        _("classification: points off the common criteria per party discipline"),
        default=15,
        validators=[MaxValueValidator(100)],
    )
    # The committee (Charter Art. 24: a cell with 9 or more official members elects a chi ủy).
    committee_required_from = models.PositiveSmallIntegerField(
        _("a committee is elected from this many official members"), default=9
    )
    committee_size_min = models.PositiveSmallIntegerField(_("smallest committee (members)"), default=3)
    # Logins: the committee confirms each login with a code from an authenticator app (members/twofactor.py).
    two_factor_required = models.BooleanField(
        _("two-step login for the committee"),
        default=True,
        help_text=_(
            "The secretary, deputy secretary and committee members enter a code from an authenticator app "
            "after their password. Applies from their next login."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cell")
        verbose_name_plural = _("cells")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def superior_header_lines(self) -> list[str]:
        """The superior's name in the header, line by line as the cell set it (never cut mid-name)."""
        lines = [line.strip() for line in self.superior_header.splitlines() if line.strip()]
        return lines or wrap_to_width(self.superior_name.upper(), 14, HEADER_COLUMN_MM)

    @property
    def superior_committee(self) -> str:
        """Who a report goes to (Nơi nhận: "Đảng ủy X (để báo cáo)")."""
        return committee_of(self.superior_name)

    def quality_level(self, points: int) -> str:
        if points >= self.quality_good_min:
            return _("Good")
        if points >= self.quality_fair_min:
            return _("Fair")
        if points >= self.quality_average_min:
            return _("Average")
        return _("Poor")


class Unit(models.Model):
    """A unit (phòng, đơn vị) of the workplace that members work in."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="units", verbose_name=_("cell"))
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["cell", "name"], name="members_unit_name_unique")]

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class VoteStatus:
    """Whether a member is an entitled voter on a date, and why (domain.md, QĐ 232)."""

    entitled: bool
    reason: str


class MemberQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("cell", "unit", "user")

    def active(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(admission_date__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def official(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(official_date__isnull=False, official_date__lte=on)

    def probationary(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(official_date__isnull=True) | Q(official_date__gt=on))

    def away(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(
            Q(temporary=Member.Temporary.AWAY, temporary_from__lte=on)
            & (Q(temporary_until__isnull=True) | Q(temporary_until__gte=on))
        )

    def entitled_voters(self, on: date | None = None):
        """Members who may vote on ``on``: the SQL twin of ``Member.vote_status``."""
        on = on or timezone.localdate()
        return (
            self.active(on)
            .official(on)
            .exclude(temporary=Member.Temporary.HOSTED)
            .exclude(pk__in=self.away(on).values("pk"))
            .exclude(suspended_since__lte=on)
            .exclude(detained_since__lte=on)
        )


class Member(models.Model):
    """A party member of a cell, linked one-to-one to a login."""

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    class Role(models.TextChoices):
        SECRETARY = "secretary", _("Secretary")
        DEPUTY = "deputy", _("Deputy secretary")
        COMMITTEE = "committee", _("Committee member")
        MEMBER = "member", _("Party member")

    class Education(models.TextChoices):
        SECONDARY = "secondary", _("Upper secondary")
        VOCATIONAL = "vocational", _("Vocational")
        COLLEGE = "college", _("College")
        BACHELOR = "bachelor", _("Bachelor")
        MASTER = "master", _("Master")
        DOCTOR = "doctor", _("Doctor")

    class Theory(models.TextChoices):
        NONE = "none", _("None")
        ELEMENTARY = "elementary", _("Elementary")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")
        BACHELOR = "bachelor", _("Bachelor of political theory")

    class Temporary(models.TextChoices):
        NONE = "none", _("No")
        HOSTED = "hosted", _("Temporary member hosted here")
        AWAY = "away", _("Temporary membership held elsewhere")

    COMMITTEE_ROLES = (Role.SECRETARY, Role.DEPUTY, Role.COMMITTEE)
    MANAGER_ROLES = (Role.SECRETARY, Role.DEPUTY)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="member", verbose_name=_("login")
    )
    cell = models.ForeignKey(Cell, on_delete=models.PROTECT, related_name="members", verbose_name=_("cell"))
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="members", verbose_name=_("unit")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("date of birth"))
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    admission_date = models.DateField(_("party admission date"))
    official_date = models.DateField(
        _("official member since"),
        null=True,
        blank=True,
        help_text=_("Empty while the member is probationary."),
    )
    party_card_number = models.CharField(_("party card number"), max_length=30, blank=True)
    education_level = models.CharField(_("education level"), max_length=20, choices=Education.choices)
    qualification = models.CharField(
        _("professional qualification"), max_length=200, blank=True, help_text=_("For example: Bachelor of Law.")
    )
    theory_level = models.CharField(
        _("political theory level"), max_length=20, choices=Theory.choices, default=Theory.NONE
    )
    role = models.CharField(_("role in the cell"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    exempt_since = models.DateField(
        _("exempt from party work and meetings since"),
        null=True,
        blank=True,
        help_text=_("Date of the cell's decision; empty when not exempt."),
    )
    temporary = models.CharField(
        _("temporary membership"), max_length=10, choices=Temporary.choices, default=Temporary.NONE
    )
    temporary_from = models.DateField(_("temporary membership from"), null=True, blank=True)
    temporary_until = models.DateField(_("temporary membership until"), null=True, blank=True)
    suspended_since = models.DateField(
        _("suspended from party activities since"), null=True, blank=True, help_text=_("Empty when not suspended.")
    )
    detained_since = models.DateField(
        _("prosecuted or detained since"), null=True, blank=True, help_text=_("Empty when not the case.")
    )
    left_on = models.DateField(_("left the cell on"), null=True, blank=True)
    left_reason = models.CharField(_("reason for leaving"), max_length=300, blank=True)
    is_demo = models.BooleanField(
        _("demo login"), default=False, help_text=_("Made by the demo loader: refused at login when DEBUG is off.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cell", "party_card_number"],
                condition=~Q(party_card_number=""),
                name="members_member_card_unique",
            ),
            models.UniqueConstraint(
                fields=["cell"],
                condition=Q(role="secretary", left_on__isnull=True),
                name="members_member_one_secretary",
            ),
            models.CheckConstraint(
                condition=Q(official_date__isnull=True) | Q(official_date__gte=F("admission_date")),
                name="members_member_official_after_admission",
            ),
            models.CheckConstraint(
                condition=Q(temporary_until__isnull=True)
                | Q(temporary_from__isnull=True)
                | Q(temporary_until__gte=F("temporary_from")),
                name="members_member_temporary_period",
            ),
        ]
        indexes = [models.Index(fields=["cell", "full_name"], name="members_member_cell_name")]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("members:detail", args=[self.pk])

    # Facts about one member -------------------------------------------------------

    @property
    def is_active(self) -> bool:
        return self.left_on is None or self.left_on > timezone.localdate()

    def is_official_on(self, on: date) -> bool:
        return self.official_date is not None and self.official_date <= on

    @property
    def is_official(self) -> bool:
        return self.is_official_on(timezone.localdate())

    @property
    def membership_label(self) -> str:
        return _("Official") if self.is_official else _("Probationary")

    def is_away_on(self, on: date) -> bool:
        return (
            self.temporary == self.Temporary.AWAY
            and self.temporary_from is not None
            and self.temporary_from <= on
            and (self.temporary_until is None or self.temporary_until >= on)
        )

    @property
    def is_exempt(self) -> bool:
        return self.exempt_since is not None and self.exempt_since <= timezone.localdate()

    @property
    def is_committee(self) -> bool:
        return self.role in self.COMMITTEE_ROLES

    @property
    def needs_second_step(self) -> bool:
        """Whether a login of this member is confirmed with a one-time code (the cell's setting)."""
        return self.is_committee and self.is_active and self.cell.two_factor_required

    # What this person may do (used by views through members.permissions, and by templates).

    @property
    def may_manage(self) -> bool:
        """Secretary and deputy edit everything of their cell."""
        return self.role in self.MANAGER_ROLES and self.is_active

    @property
    def may_prepare(self) -> bool:
        """The committee prepares reviews and supervision and reads every member's record."""
        return self.is_committee and self.is_active

    def may_view_member(self, other: "Member") -> bool:
        return other.cell_id == self.cell_id and (self.may_prepare or other.pk == self.pk)

    def vote_status(self, on: date) -> VoteStatus:
        """Whether this member is an entitled voter on ``on`` (domain.md, QĐ 232 point 9.3).

        An exempt member is entitled but counted in the vote base only when present;
        the meeting's attendance decides that.
        """
        if self.admission_date > on or (self.left_on is not None and self.left_on <= on):
            return VoteStatus(False, _("not a member of the cell on that date"))
        if not self.is_official_on(on):
            return VoteStatus(False, _("probationary members do not vote"))
        if self.temporary == self.Temporary.HOSTED:
            return VoteStatus(False, _("temporary member hosted here: votes in the home cell"))
        if self.is_away_on(on):
            return VoteStatus(False, _("temporary membership held elsewhere"))
        if self.suspended_since is not None and self.suspended_since <= on:
            return VoteStatus(False, _("suspended from party activities"))
        if self.detained_since is not None and self.detained_since <= on:
            return VoteStatus(False, _("prosecuted or detained"))
        if self.exempt_since is not None and self.exempt_since <= on:
            return VoteStatus(True, _("exempt: counted only when present"))
        return VoteStatus(True, _("official member"))


class CommitteeOfficer(models.Model):
    """An officer of a superior committee (đảng ủy): reads every cell of the organisation, read-only.
    Not a member of any of its cells: a login is either a member or an officer."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="officer", verbose_name=_("login")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="officers", verbose_name=_("organisation")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    post = models.CharField(
        _("post"), max_length=200, help_text=_("Under “T/M ĐẢNG ỦY” when signing its reports, e.g. Phó Bí thư.")
    )
    active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(
        _("demo login"), default=False, help_text=_("Made by the demo loader: refused at login when DEBUG is off.")
    )

    class Meta:
        verbose_name = _("officer of a superior committee")
        verbose_name_plural = _("officers of superior committees")
        ordering = ["full_name", "pk"]

    def __str__(self):
        return self.full_name

    def clean(self):
        if self.user_id and Member.objects.filter(user_id=self.user_id).exists():
            raise ValidationError({"user": _("This login belongs to a member of a cell: give the officer their own.")})

    @property
    def needs_second_step(self) -> bool:
        return self.active and self.organisation.two_factor_required


class AuditEntry(models.Model):
    """Who changed what and when: one row per change to a record about a person."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        TRANSFER = "transfer", _("Transferred out")
        REFUSED = "refused", _("Refused change")

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="audit_entries", verbose_name=_("cell"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("record type"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    object_repr = models.CharField(_("record"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="members_audit_target")]
        # Append-only, in the database too (core.frozen): no row is ever changed or deleted.
        triggers = [FrozenRow(name="append_only_audit", message="chibo: the audit log is append-only", frozen="TRUE")]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"


class DataVersion(models.Model):
    """One row whose number grows after every committed write: rendered pages are cached under it
    (``core.pagecache``), so a page cached before a change is never served after it."""

    number = models.BigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data version")

    def __str__(self):
        return str(self.number)


class Notification(models.TextChoices):
    """The kinds of mail the app sends (members.notifications); each member may turn each one off."""

    AGENDA_PUBLISHED = "agenda_published", _("A meeting's agenda is published")
    TASK_ASSIGNED = "task_assigned", _("A task is assigned to me")
    TASK_DUE_SOON = "task_due_soon", _("A task of mine is due soon")
    TASK_OVERDUE = "task_overdue", _("A task of mine is overdue")
    MINUTES_APPROVED = "minutes_approved", _("A meeting's minutes are approved")
    REVIEW_WAITING = "review_waiting", _("A monthly review sheet waits for my confirmation")


class NotificationOptOut(models.Model):
    """A kind of mail a member turned off; without a row the member receives it."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="notification_opt_outs", verbose_name=_("member")
    )
    kind = models.CharField(_("kind of mail"), max_length=30, choices=Notification.choices)

    class Meta:
        verbose_name = _("mail turned off")
        verbose_name_plural = _("mail turned off")
        constraints = [models.UniqueConstraint(fields=["member", "kind"], name="members_optout_unique")]

    def __str__(self):
        return f"{self.member}: {self.get_kind_display()}"


class NotificationSent(models.Model):
    """One mail sent to one member about one thing (``key``): the same mail is never sent twice."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="notifications_sent", verbose_name=_("member")
    )
    kind = models.CharField(_("kind of mail"), max_length=30, choices=Notification.choices)
    key = models.CharField(_("about"), max_length=100)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mail sent")
        verbose_name_plural = _("mail sent")
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["member", "kind", "key"], name="members_sent_once")]

    def __str__(self):
        return f"{self.member}: {self.get_kind_display()} ({self.key})"
