from django.urls import path

from evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/<year:year>/<month:month>/", views.review_sheet, name="review"),
    path("reviews/<year:year>/<month:month>/confirm/", views.review_confirm, name="review_confirm"),
    path("mine/", views.my_record, name="mine"),
    path("members/<int:pk>/", views.member_record, name="member"),
    path("members/<int:pk>/commendations/new/", views.commendation_add, name="commendation_add"),
    path("commendations/<int:pk>/", views.commendation_edit, name="commendation_edit"),
    path("members/<int:pk>/violations/new/", views.violation_add, name="violation_add"),
    path("violations/<int:pk>/", views.violation_edit, name="violation_edit"),
    path("meetings/<int:pk>/announced/", views.announce, name="announce"),
    path("regularity/", views.regularity_view, name="regularity"),
    path("classification/<year:year>/", views.classification, name="classification"),
    path("classification/<year:year>.pdf", views.classification_pdf, name="classification_pdf"),
    path("classification/<year:year>.docx", views.classification_pdf, {"ext": "docx"}, name="classification_docx"),
]
