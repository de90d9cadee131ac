from django.urls import path

from . import views

app_name = "perf"

urlpatterns = [
    path("", views.summary_index, name="summary-index"),
]
