from django.utils import timezone, translation

from .services import get_profile


def activate_profile_language(request, profile):
    """Speak the profile's language from here on; an empty one leaves the browser's."""
    language = profile.language or translation.get_language_from_request(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language


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
                activate_profile_language(request, profile)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
