"""The service layer on its own: version sources, envelope names, template provenance."""

from __future__ import annotations

import pytest

from lib.errors import Conflict, InvalidInput, NotFound
from lib.templates import catalogue
from lib.templates.models import UseTemplateIn
from lib.workflows import service
from lib.workflows.models import CreateWorkflowIn, ListQuery, ReplaceWorkflowIn


@pytest.mark.parametrize("header, expected", [("3", 3), ('"3"', 3), ('W/"3"', 3), (' "12" ', 12)])
def test_if_match_carries_the_version(header, expected):
    body = ReplaceWorkflowIn(state={"blocks": {}})
    assert service._expected_version(body, header) == expected


def test_body_version_wins_when_alone_and_must_agree_with_if_match():
    assert service._expected_version(ReplaceWorkflowIn(state={}, version=4), None) == 4
    assert service._expected_version(ReplaceWorkflowIn(state={}, version=4), '"4"') == 4
    with pytest.raises(InvalidInput):
        service._expected_version(ReplaceWorkflowIn(state={}, version=4), '"5"')
    with pytest.raises(InvalidInput):
        service._expected_version(ReplaceWorkflowIn(state={}), "*")


def test_template_workflows_record_source_version_and_customizations(tenant):
    out = service.create_from_template(
        tenant, "weekly-social-posts", UseTemplateIn(customizations={"weekday": "FRI"}, status="active")
    )
    assert out.template_source == "weekly-social-posts"
    assert out.metadata == {
        "template_version": catalogue.get("weekly-social-posts").version,
        "customizations": {"weekday": "FRI"},
    }
    assert out.status == "active" and out.category == "social-media"
    listed = service.page(tenant, ListQuery(category="social-media"))
    assert [w.id for w in listed.workflows] == [out.id] and listed.next_cursor is None


def test_replace_and_delete_go_through_the_tenant_scoped_store(tenant):
    state = catalogue.get("kb-qa-assistant").state
    created = service.create(tenant, CreateWorkflowIn(name="kb", state=state))
    replaced = service.replace(
        tenant, created.id, ReplaceWorkflowIn(state=state, version=1, status="archived")
    )
    assert replaced.version == 2 and replaced.status == "archived"
    with pytest.raises(Conflict):
        service.replace(tenant, created.id, ReplaceWorkflowIn(state=state, version=1))
    service.delete(tenant, created.id)
    with pytest.raises(NotFound):
        service.read(tenant, created.id)
