from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def existing_user(username: str):
    """The user of that name, or the error every management command reports without one."""
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"There is no user {username!r}.") from None
