"""The mail the evaluations app sends (members.notifications): called from its services, after commit."""

from django.urls import reverse

from evaluations.models import MonthlyReview
from members.models import Member, Notification
from members.notifications import absolute, notify_after_commit


def review_waiting(review: MonthlyReview) -> None:
    """The secretary: the committee submitted the month's review sheet for confirmation."""
    link = reverse("evaluations:review", args=[review.month.year, review.month.month])
    notify_after_commit(
        kind=Notification.REVIEW_WAITING,
        members=Member.objects.filter(cell_id=review.cell_id, role=Member.Role.SECRETARY).active(),
        key=f"review:{review.pk}:{review.submitted_at:%Y%m%d%H%M%S}",
        context={"review": review, "month": review.month, "by": review.submitted_by, "link": absolute(link)},
    )
