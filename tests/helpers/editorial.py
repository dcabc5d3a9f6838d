"""Shared by the editorial test modules (roles, workflow, consent withdrawal, plan, preview)."""


def as_user(client, user):
    client.force_login(user)
    return client


def submit(page, user):
    """Save a revision by `user` and start the page's workflow with it."""
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)
