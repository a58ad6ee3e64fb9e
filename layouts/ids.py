"""Component ids, each defined once and imported wherever it is used."""

# the shell
URL = "url"
PAGE = "page"
PAGE_META = "page-meta"

# shared
SIMULATED_BADGE = "simulated-badge"
AS_OF = "as-of"
METHOD_LINK = "method-link"

# overview
OVERVIEW_URL = "overview-url"  # the overview's own view of the URL, so its callbacks live in the page
MAP = "map"
MAP_DATA = "map-data"
MAP_SHOWN = "map-shown"  # the view the map was last given, which the panels follow
MAP_CONFIG = "map-config"
MAP_TITLE = "map-title"
MAP_LEGEND = "map-legend"
NOTICES = "notices"
INDICATOR = "indicator-picker"
YEAR = "year-slider"
PLAY = "play-button"
PLAY_TIMER = "play-timer"
LEVEL = "level-toggle"
CITY = "city-picker"
MODE = "map-mode"
RESET = "reset-button"
PRESENT_LINK = "present-link"
LANG_SWITCH = "lang-switch"
CARDS = "headline-cards"
RANKING = "ranking-chart"
RANKING_TITLE = "ranking-title"
SUMMARY = "place-summary"
SUMMARY_LINK = "summary-link"

# city and county pages
SCORECARD = "scorecard"
TREND = "trend-chart"
WORKLIST = "worklist"
WORKLIST_SECTION = "worklist-section"
WORKLIST_COUNT = "worklist-count"
WORKLIST_SHOWN = "worklist-shown"
CITY_RANKING = "city-ranking"
SMALL_MULTIPLES = "small-multiples"
PLACE_SEARCH = "place-search"

# overview table
TAB = "view-tab"
TABLE = "overview-table"
TABLE_CARD = "table-card"
MAP_CARD = "map-card"
TABLE_DOWNLOADS = "table-downloads"
TABLE_TITLE = "table-title"

# data page (/data)
DATA_YEAR = "data-year"
DATA_TEMPLATE_BLANK = "data-template-blank"
DATA_TEMPLATE_FILLED = "data-template-filled"
DATA_UPLOAD = "data-upload"
DATA_UPLOADED = "data-uploaded"          # the upload, passed on by the browser if it is not too big
DATA_UPLOAD_LIMIT = "data-upload-limit"
DATA_PREVIEW = "data-preview"
DATA_CHECKED = "data-checked"
DATA_CONFIRM = "data-confirm"
DATA_RESULT = "data-result"
DATA_HISTORY = "data-history"
DATA_REVERT = "data-revert"              # pattern: {"type": DATA_REVERT, "batch": id}
DATA_REVERT_DIALOG = "data-revert-dialog"
DATA_REVERT_PENDING = "data-revert-pending"
DATA_SIGN_OUT = "data-sign-out"
DATA_FORBIDDEN = "data-forbidden"        # the answer of a callback that writes, to a user without the role
USER_NAME = "user-name"
USER_PASSWORD = "user-password"
USER_ROLE = "user-role"
USER_ACTION = "user-action"              # pattern: {"type": USER_ACTION, "action": "add"|"update"|...}
USER_RESULT = "user-result"
USER_TABLE = "user-table"
