"""Calling a Dash callback the way the browser does: a POST to /_dash-update-component, built
from the app's own /_dash-dependencies. Tests use it to show that what the page would not
offer cannot be done by posting directly either."""
from __future__ import annotations

import json


class DashClient:
    def __init__(self, client):
        self.client = client
        self.dependencies = client.get("/_dash-dependencies").get_json()

    def dependency(self, output: str, trigger: str | None = None) -> dict:
        """The callback whose output names `output` ("data-result.children"), and whose
        inputs include `trigger` if given."""
        found = [d for d in self.dependencies if output in d["output"]
                 and (trigger is None or any(self._key(i) == trigger for i in d["inputs"]))]
        assert len(found) == 1, f"{len(found)} callbacks write {output} on {trigger}"
        return found[0]

    @staticmethod
    def _key(spec: dict) -> str:
        """"data-confirm.n_clicks"; for a pattern id, its type: "data-revert.n_clicks"."""
        id_ = spec["id"]
        if id_.startswith("{"):
            id_ = json.loads(id_)["type"]
        return f"{id_}.{spec['property']}"

    def _entries(self, specs: list[dict], values: dict) -> list:
        out = []
        for spec in specs:
            key = self._key(spec)
            if spec["id"].startswith("{"):  # pattern (ALL): a list of (id, value)
                out.append([{"id": id_, "property": spec["property"], "value": v} for id_, v in values.get(key, [])])
            else:
                out.append({"id": spec["id"], "property": spec["property"], "value": values.get(key)})
        return out

    @staticmethod
    def _outputs(output: str):
        """What the renderer sends: each output's id and property (without the @hash that
        allow_duplicate adds), a list when there are several."""
        def one(text):
            id_, prop = text.rsplit(".", 1)
            return {"id": json.loads(id_) if id_.startswith("{") else id_, "property": prop.split("@")[0]}
        if output.startswith(".."):
            return [one(o) for o in output[2:-2].split("...")]
        return one(output)

    def call(self, output: str, values: dict, changed: str, trigger: str | None = None, csrf: str | None = None):
        """POST the callback writing `output`, with inputs and states from `values`
        ("id.prop" -> value), `changed` the input that fired. Returns the response."""
        dep = self.dependency(output, trigger or changed)
        changed_ids = []
        for spec in dep["inputs"]:
            if self._key(spec) == changed:
                if spec["id"].startswith("{"):
                    changed_ids += [json.dumps(i, separators=(",", ":"), sort_keys=True) + "." + spec["property"]
                                    for i, _ in values.get(changed, [])]
                else:
                    changed_ids.append(changed)
        body = {"output": dep["output"], "outputs": self._outputs(dep["output"]),
                "inputs": self._entries(dep["inputs"], values),
                "state": self._entries(dep["state"], values), "changedPropIds": changed_ids}
        headers = {"X-CSRFToken": csrf} if csrf else {}
        return self.client.post("/_dash-update-component", json=body, headers=headers)
