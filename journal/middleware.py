from django.utils import timezone, translation

from .services import get_profile


class UserPreferencesMiddleware:
    """Speak the user's language and live in the user's time zone.

    Runs after LocaleMiddleware: the browser's language stays the fallback when the
    profile leaves the language empty, and for anonymous visitors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            profile = get_profile(request.user)
            request.profile = profile
            timezone.activate(profile.zone)
            if profile.language:
                translation.activate(profile.language)
                request.LANGUAGE_CODE = profile.language
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
