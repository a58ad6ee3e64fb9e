"""Component ids, each defined once and imported wherever it is used."""

# the shell
URL = "url"
PAGE = "page"
PAGE_META = "page-meta"

# shared
SIMULATED_BADGE = "simulated-badge"
AS_OF = "as-of"
METHOD_LINK = "method-link"
MAIN = "main-content"          # every page's <main>, where the skip link leads
DOC_TITLE = "document-title"  # the page's <title> text, which assets/a11y.js sets

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
# the charts' text alternatives (layouts/chart_text.py): a visually hidden block per chart
MAP_TEXT = "map-text"
RANKING_TEXT = "ranking-text"
SPARKLINE_TEXT = "sparkline-text"
TREND_TEXT = "trend-text"
CITY_RANKING_TEXT = "city-ranking-text"
SMALL_MULTIPLES_TEXT = "small-multiples-text"
SLIDE_MAP_TEXT = "slide-map-text"        # one per slide: slide-map-text-<indicator>
SUMMARY_OUTLOOK = "summary-outlook"   # the outlook to 2015 in the summary panel
# h1: the "change" colour mode's first year (layouts/colour_modes.py)
CHANGE_FROM = "change-from"
CHANGE_FROM_WRAP = "change-from-wrap"

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
# keyboard routes to every place (layouts/place_links.py)
PLACE_PICKER = "place-picker"            # the overview's "go to a city or county page"
RANKING_LINKS = "ranking-links"          # the overview's ranked places, each a link to its page
CITY_COUNTIES = "city-counties"          # a city page's list of its counties
MAP_TABLE_LINK = "map-table-link"        # "view as table", beside the map

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
DATA_ACCEPT_BOX = "data-accept-box"      # shown when the check found columns it does not know
DATA_ACCEPT_UNKNOWN = "data-accept-unknown"  # the user's yes: ignore those columns
DATA_ACCEPT_NEEDED = "data-accept-needed"  # Import pressed without that yes
DATA_RESULT = "data-result"
DATA_HISTORY = "data-history"
DATA_REVERT = "data-revert"              # pattern: {"type": DATA_REVERT, "batch": id}
DATA_REVERT_DIALOG = "data-revert-dialog"
DATA_REVERT_PENDING = "data-revert-pending"
DATA_SIGN_OUT = "data-sign-out"
DATA_FORBIDDEN = "data-forbidden"        # the answer of a callback that writes, to a user without the role
DATA_DENIED = "data-denied"              # the page without the editor's role: sign in
DATA_LOGIN_LINK = "data-login-link"
DATA_WHO = "data-who"
DATA_UPLOAD_TOO_BIG = "data-upload-too-big"
DATA_SUMMARY = "data-summary"            # the check's verdict
DATA_ERRORS_TITLE = "data-errors-title"
DATA_CHANGES_TITLE = "data-changes-title"
DATA_COMMITTED = "data-committed"
DATA_REVERTED = "data-reverted"
DATA_HISTORY_TABLE = "history-table"
DATA_USERS_TITLE = "users-title"
USER_NAME = "user-name"
USER_PASSWORD = "user-password"
USER_ROLE = "user-role"
USER_ACTION = "user-action"              # pattern: {"type": USER_ACTION, "action": "add"|"update"|...}
USER_RESULT = "user-result"
USER_TABLE = "user-table"
DATA_PASSWORD_LINK = "data-password-link"
AUDIT_TITLE = "audit-title"
AUDIT_TABLE = "audit-table"
AUDIT_CSV_LINK = "audit-csv-link"

# presentation mode (/present); assets/present.js finds the parts by the ids the stage names
PRESENT_ROOT = "present-root"
PRESENT_STAGE = "present-stage"
PRESENT_STATE = "present-state"          # "paused", or nothing
PRESENT_NUMBER = "present-number"        # "2 / 7"
PRESENT_PROGRESS = "present-progress"    # the line that fills until the next slide
PRESENT_PREVIOUS = "present-previous"    # the visible buttons, for mouse, touch and keyboard
PRESENT_NEXT = "present-next"
PRESENT_PAUSE = "present-pause"          # pause / resume the auto-advance
PRESENT_ANNOUNCE = "present-announce"    # the polite live region: "第 2 张，共 6 张：…", paused, resumed
# The "Download deck" control (layouts/documents.py, callbacks/documents.py), on the overview and /present.
DECK_QUERY = "deck-query"                # the /present query the deck is built for
DECK_BUTTON = "deck-button"
DECK_PROGRESS_WRAP = "deck-progress-wrap"
DECK_PROGRESS = "deck-progress"          # <progress>: steps done of steps
DECK_PROGRESS_TEXT = "deck-progress-text"
DECK_RESULT = "deck-result"              # the link to the built deck, or why there is none (a live region)

# the reporting status (/reports: layouts/reports.py, callbacks/reports.py)
REPORTS_FILTERS = "reports-filters"
REPORTS_CITY = "reports-city"
REPORTS_STATUS = "reports-status"
REPORTS_APPLY = "reports-apply"
REPORTS_SUMMARY = "reports-summary"
REPORTS_CSV = "reports-csv"
REPORTS_XLSX = "reports-xlsx"
REPORTS_GRID = "reports-grid"
REPORTS_EMPTY = "reports-empty"
REPORTS_DEADLINES = "reports-deadlines"
REPORTS_DEADLINE_YEAR = "reports-deadline-year"
REPORTS_DEADLINE_DATE = "reports-deadline-date"
REPORTS_DEADLINE_SAVE = "reports-deadline-save"
REPORTS_RESULT = "reports-result"
REPORTS_SAVED = "reports-saved"          # an editor's action done
REPORTS_REFUSED = "reports-refused"      # an editor's action refused, with why
REPORTS_LOGIN_LINK = "reports-login-link"
REPORTS_GRID_BOX = "reports-grid-box"          # the boxes an editor's action redraws
REPORTS_DEADLINES_BOX = "reports-deadlines-box"
REPORTS_WARNINGS_BOX = "reports-warnings-box"
REPORTS_MARK_RESULT = "reports-mark-result"    # what marking a warning checked did
REPORTS_STATE = "reports-state"          # the page's query, which the editors' callbacks redraw it by
REPORTS_WARNINGS_TABLE = "reports-warnings-table"
REPORTS_WARNINGS_NONE = "reports-warnings-none"
REPORTS_NOTE = "reports-note"            # pattern: {"type": REPORTS_NOTE, "warning": id}
REPORTS_MARK = "reports-mark"            # pattern: {"type": REPORTS_MARK, "warning": id}
REPORTS_LINK = "reports-link"            # the footer's link to /reports
DATA_REPORTS_LINK = "data-reports-link"  # the data page's
COUNTY_TO_CHECK = "county-to-check"      # a county page's note on the data to check in its whole report

# /compare (layouts/compare.py, callbacks/compare.py)
COMPARE_A = "compare-a"                  # the two pickers
COMPARE_B = "compare-b"
COMPARE_TABLE = "compare-table"
COMPARE_TRENDS = "compare-trends"
COMPARE_TRENDS_TEXT = "compare-trends-text"
COMPARE_LINK = "compare-link"            # "与……比较" on a city or county page
# The overview map's "数据存疑 / Numbers to check" layer (h4, issue 18): its on/off toggle.
QUALITY = "map-quality"
