"""The /data page's callback inputs and outputs as the Dash renderer names them (id.property),
for the tests that drive its import, revert, sign-out and user callbacks over HTTP."""
from __future__ import annotations

from layouts import ids

CHECKED_DATA = f"{ids.DATA_CHECKED}.data"
CONFIRM_N_CLICKS = f"{ids.DATA_CONFIRM}.n_clicks"
PREVIEW_CHILDREN = f"{ids.DATA_PREVIEW}.children"
RESULT_CHILDREN = f"{ids.DATA_RESULT}.children"
REVERT_DIALOG_SUBMIT_N_CLICKS = f"{ids.DATA_REVERT_DIALOG}.submit_n_clicks"
REVERT_PENDING_DATA = f"{ids.DATA_REVERT_PENDING}.data"
SIGN_OUT_N_CLICKS = f"{ids.DATA_SIGN_OUT}.n_clicks"
UPLOADED_DATA = f"{ids.DATA_UPLOADED}.data"
YEAR_VALUE = f"{ids.DATA_YEAR}.value"
PAGE_META_DATA = f"{ids.PAGE_META}.data"
URL_HREF = f"{ids.URL}.href"
USER_ACTION_N_CLICKS = f"{ids.USER_ACTION}.n_clicks"
USER_NAME_VALUE = f"{ids.USER_NAME}.value"
USER_PASSWORD_VALUE = f"{ids.USER_PASSWORD}.value"
USER_RESULT_CHILDREN = f"{ids.USER_RESULT}.children"
USER_ROLE_VALUE = f"{ids.USER_ROLE}.value"
