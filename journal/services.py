from django.contrib.auth import get_user_model
from django.db import connection, transaction

from .models import Profile


def get_profile(user) -> Profile:
    """The user's profile, created on first use for accounts made outside our forms."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile


class AccountsAlreadyExist(Exception):
    pass


def first_run_needed() -> bool:
    return not get_user_model().objects.exists()


@transaction.atomic
def create_first_account(*, username, password, role, language, time_zone):
    """Create the install's first user as a superuser, so the admin is theirs too."""
    User = get_user_model()
    if connection.vendor == "postgresql":
        # Two first-run posts at once must not both see an empty table.
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(User._meta.db_table)
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
    if User.objects.exists():
        raise AccountsAlreadyExist
    user = User.objects.create_superuser(username=username, email="", password=password)
    profile = get_profile(user)
    profile.role = role
    profile.language = language
    profile.time_zone = time_zone
    profile.save()
    return user
