"""``compliance serve``: the checker as an HTTP service (JSON API under ``/v1``) and a Dutch web page.

The service is a thin shell around the same pipeline the command line runs: :mod:`.pipeline` is
the one seam between HTTP and the checks (load an offer, evaluate, sign, verify), so moving the
service to offer model v2 is a change there only. Everything else here is web plumbing: settings,
the database (:mod:`.db`), API keys (:mod:`.keys`), limits, logging, the intake job runner
(:mod:`.jobs`), the JSON routes (:mod:`.api`) and the HTML pages (:mod:`.web`).
"""
