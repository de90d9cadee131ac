from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.update_preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("confirm/", views.send_confirmation, name="send-confirmation"),
    path("confirm/<str:token>/", views.confirm_address, name="confirm"),
]
