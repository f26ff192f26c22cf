"""Every scenario of features/ becomes a test, once per channel tag (@navigateur, @http).

The scenarios depend on the ``canal`` fixture so that the harness's plugin can
parametrise them from their channel tags.
"""
import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("canal")

scenarios("../features")
