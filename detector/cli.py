"""The ``detector`` command: parse options, call one library function, map errors to exit codes."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import click

from detector.errors import DetectorError
from detector.settings import Settings

PATH = click.Path(path_type=Path)


def geo_options(func):
    """The GEO OPTIONS of CLI.md, each also settable by environment."""
    func = click.option("--vpn-cidrs", "vpn_cidrs", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        multiple=True, help="One-CIDR-per-line list of VPN/hosting ranges (repeatable).")(func)
    func = click.option("--geoip-anonymous", type=PATH, envvar="DETECTOR_GEOIP_ANONYMOUS",
                        help="A GeoIP2 Anonymous IP database.")(func)
    func = click.option("--geoip-asn", type=PATH, envvar="DETECTOR_GEOIP_ASN",
                        help="A GeoLite2/GeoIP2 ASN database (default: the shipped one).")(func)
    func = click.option("--geoip-country", type=PATH, envvar="DETECTOR_GEOIP_COUNTRY",
                        help="A GeoIP2/GeoLite2 City or Country database (default: the shipped one).")(func)
    return func


def _settings(model=None, geoip_country=None, geoip_asn=None, geoip_anonymous=None, vpn_cidrs=()) -> Settings:
    return Settings.from_env(model_dir=model, geoip_country=geoip_country, geoip_asn=geoip_asn,
                             geoip_anonymous=geoip_anonymous, vpn_cidr_files=tuple(vpn_cidrs))


def _fail(error: Exception, code: int) -> None:
    click.echo(f"detector: error: {error}", err=True)
    sys.exit(code)


class DetectorGroup(click.Group):
    """Turns domain errors into a one-line reason on stderr and their exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DetectorError as error:
            _fail(error, error.exit_code)
        except (FileNotFoundError, PermissionError, IsADirectoryError) as error:
            _fail(error, 3)


@click.group(cls=DetectorGroup)
@click.version_option(package_name="detector")
def main() -> None:
    """Score freelance applicants for signs of DPRK IT-worker fronts (for human review)."""


@main.command()
@click.argument("input_path", metavar="INPUT", type=PATH)
@click.option("-o", "--output", required=True, type=PATH, help="Scores file: .csv, .jsonl or .parquet.")
@click.option("--model", type=PATH, help="Model folder (default: the registry's promoted model, else the shipped one).")
@click.option("--rejects", type=PATH, help="Rejects file (default: OUTPUT with .rejects before the extension).")
@click.option("--store", "store_url", envvar="DETECTOR_STORE_URL", default=None,
              help="Also link against and add to this population store (SQLAlchemy URL or SQLite file).")
@click.option("--chunk-size", type=click.IntRange(min=1), default=20_000, show_default=True,
              help="Applicants per chunk: memory grows with it, not with the input.")
@click.option("--checkpoint", type=PATH,
              help="Work folder for resuming after an interruption (default: OUTPUT.parts).")
@click.option("--backend", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where chunks run: this process, or a Dask distributed cluster.")
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); without it "
                                  "--backend dask starts a local cluster.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Workers of the local Dask cluster started without --scheduler.")
@click.option("--previous", type=PATH, help="Scores of an earlier run: summarise band changes "
                                            "and newly linked networks against it.")
@click.option("--keep-work", is_flag=True, help="Keep the work folder after success.")
@click.option("--quiet", is_flag=True, help="No progress output.")
@geo_options
def score(input_path, output, model, rejects, store_url, chunk_size, checkpoint, backend, scheduler,
          workers, previous, keep_work, quiet, **geo):
    """Score every applicant in INPUT; write scores and rejected records.

    JSON Lines and folders of tables are read and scored in chunks with bounded memory, in
    two passes (links are built over the whole input first), resumable: rerun the same
    command after an interruption. With --store, applicants are scored against the store's
    population and added to it.
    """
    from detector.scoring.run import default_rejects_path, score_file

    if store_url or (not Path(input_path).is_dir() and Path(input_path).name.endswith(".json")):
        if store_url:
            from detector.store.batch import score_file_with_store

            summary = score_file_with_store(input_path, output,
                                            _settings(model, **geo).with_store(store_url), rejects)
        else:
            summary = score_file(input_path, output, _settings(model, **geo), rejects)
        bands = ", ".join(f"{k} {v}" for k, v in summary.bands.items())
        click.echo(f"scored {summary.scored} applicants ({bands}) with {summary.model_version} -> {summary.output}", err=True)
        click.echo(f"rejected {summary.rejected_records} records ({summary.rejected_applicants} applicants) -> {summary.rejects}", err=True)
        _echo_feeds(summary)
        return
    from detector.batch.run import BatchOptions, score_batch
    from detector.batch.summary import summary_lines

    options = BatchOptions(chunk_size=chunk_size, checkpoint=checkpoint, backend=backend,
                           scheduler=scheduler, workers=workers, previous=previous, quiet=quiet,
                           keep_work=keep_work)
    batch = score_batch(input_path, output, rejects or default_rejects_path(output),
                        _settings(model, **geo), options)
    for line in summary_lines(batch):
        click.echo(line, err=True)
    _echo_feeds(batch)


def _echo_feeds(summary) -> None:
    """Sanctions screening, the feed versions used and stale-feed warnings of a scoring run."""
    click.echo(summary.sanctions, err=True)
    versions = ", ".join(f"{k} {v}" for k, v in summary.feed_versions.items())
    intel_loaded = any(not k.startswith("geoip_") for k in summary.feed_versions)
    click.echo(f"feeds used: {versions}" + ("" if intel_loaded else "; no intel feeds loaded (see detector intel status)"), err=True)
    for feed, age in summary.stale_feeds.items():
        click.echo(f"warning: feed {feed} is {age:.0f} days old; update it with detector intel update", err=True)


@main.command()
@click.argument("input_path", metavar="INPUT", type=PATH)
@click.option("-o", "--output", "model_dir", required=True, type=PATH, help="Model folder to write.")
@click.option("--truth", type=PATH, help="Side file with segment/tactic per applicant (default: INPUT's .truth.csv if present).")
@click.option("--seed", default=0, show_default=True, help="Random state of training.")
@click.option("--register", is_flag=True, help="Also copy the model folder into the model registry (DETECTOR_MODEL_REGISTRY).")
@click.option("--unlabelled", type=click.Choice(["context", "as-negative"]), default="context", show_default=True,
              help="Unlabelled profiles: only linking context, or also fitted as genuine.")
@click.option("--split", type=click.Choice(["none", "grouped", "time"]), default="none", show_default=True,
              help="Hold out a test set of whole linkage components: at random, or the newest.")
@click.option("--test-after", type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
              help="With --split time: test on components first seen on or after this date.")
@click.option("--test-share", default=0.2, show_default=True, type=float, help="Share held out when no --test-after.")
@geo_options
def train(input_path, model_dir, truth, seed, register, unlabelled, split, test_after, test_share, **geo):
    """Train a model on the labelled applicants of INPUT and write a model folder."""
    from detector.training.label_options import LabelOptions
    from detector.training.train import train_file

    settings = _settings(**geo)
    options = LabelOptions(unlabelled=unlabelled, split=split, test_after=test_after,
                           test_share=test_share, random_state=seed)
    report = train_file(input_path, model_dir, settings, truth_path=truth, random_state=seed, options=options)
    click.echo(report.text)
    if register:
        from detector.registry import register as register_model

        entry = register_model(model_dir, settings.registry_dir())
        click.echo(f"registered {entry.version} in {entry.path.parent}; promote it with "
                   f"`detector models promote {entry.version}`", err=True)


@main.command()
@click.argument("input_path", metavar="INPUT", type=PATH)
@click.option("--model", type=PATH, help="Model folder (default: the registry's promoted model, else the shipped one).")
@click.option("--truth", type=PATH, help="Side file with segment/tactic per applicant (default: INPUT's .truth.csv if present).")
@click.option("--metrics", "metrics_path", type=PATH, help="Where to write the metrics as JSON (default: INPUT's name + .evaluation.json in the working directory).")
@click.option("--report", "report_path", type=PATH, help="HTML report to write (default: the metrics file with .html).")
@click.option("--no-report", is_flag=True, help="Write the metrics only, no HTML report.")
@click.option("--compare", "compare_dir", type=PATH, help="Challenger model folder, compared with --model on the same data.")
@click.option("--volume", default=1000, show_default=True, type=click.FloatRange(min=0, min_open=True), help="Applicants per week, for the review-load column of the threshold table.")
@click.option("--bootstrap", default=1000, show_default=True, type=click.IntRange(min=20), help="Bootstrap resamples for the champion/challenger intervals.")
@geo_options
def evaluate(input_path, model, truth, metrics_path, report_path, no_report, compare_dir, volume, bootstrap, **geo):
    """Print and write detection metrics of a model (and the rules baseline) on labelled INPUT."""
    from detector.training.evaluate import evaluate_file

    if no_report and report_path is not None:
        raise click.UsageError("--report and --no-report contradict each other; give one")
    report = evaluate_file(input_path, _settings(model, **geo), truth_path=truth, metrics_path=metrics_path,
                           report_path=report_path, write_report=not no_report, compare_dir=compare_dir,
                           volume=volume, bootstrap=bootstrap)
    click.echo(report.text)
    click.echo(f"metrics written to {report.metrics_path}", err=True)
    if report.report_path is not None:
        click.echo(f"report written to {report.report_path}", err=True)


@main.command()
@click.option("-n", "count", required=True, type=click.IntRange(min=1), help="Number of applicants.")
@click.option("-o", "--output", required=True, type=PATH, help="Output .jsonl or .jsonl.gz (truth file beside it).")
@click.option("--seed", default=0, show_default=True, help="Random seed; each seed draws a different world.")
@click.option("--settings", "settings_json", help="JSON object of generator knobs (see docs/SYNTHETIC_DATA.md).")
def synth(count, output, seed, settings_json):
    """Write a synthetic labelled population in the nested form, plus a truth side file."""
    from detector.synth import SynthSettings, generate_population, write_population

    if not output.name.endswith((".jsonl", ".jsonl.gz")):
        raise click.BadParameter(f"'{output}' must end in .jsonl or .jsonl.gz", param_hint="-o/--output")
    knobs = None
    if settings_json:
        # Knobs given override the world drawn from the seed.
        try:
            changes = json.loads(settings_json)
            if not isinstance(changes, dict):
                raise ValueError("expected a JSON object such as '{\"front_rate\": 0.05}'")
            knobs = SynthSettings.randomised(random.Random(f"synth-world-{seed}")).with_(**changes)
        except (ValueError, TypeError) as error:
            raise click.BadParameter(str(error), param_hint="--settings") from error
    records, truth = generate_population(count, seed=seed, settings=knobs)
    write_population(records, truth, output)
    click.echo(f"wrote {len(records)} applicants ({int(truth['label'].sum())} fronts) to {output}", err=True)


@main.group()
def intel() -> None:
    """Load and inspect the threat-intelligence feeds scoring reads (SDN list, VPN, hosting, Tor)."""


DATA_DIR_OPTION = click.option("--data-dir", type=PATH, envvar="DETECTOR_DATA_DIR",
                               help="Detector data folder (default: $XDG_DATA_HOME/detector or ~/.local/share/detector).")


@intel.command("update")
@click.option("--sdn", type=PATH, help="OFAC sdn_advanced.xml, or sdn.csv with alt.csv/sdn_comments.csv beside it (.gz allowed), or their folder.")
@click.option("--vpn-cidrs", type=PATH, help="VPN IP ranges, one CIDR per line.")
@click.option("--hosting-asns", type=PATH, help="Hosting/datacenter ASNs, one per line ('AS123 # name' or 'ASN,Name' CSV).")
@click.option("--tor-exits", type=PATH, help="Tor exit addresses (Tor's exit-addresses file or one IP per line).")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Date the lists were published/downloaded (YYYY-MM-DD), for files that state none.")
@click.option("--force", is_flag=True, help="Load even when the record count fell by more than the allowed share.")
@DATA_DIR_OPTION
def intel_update(sdn, vpn_cidrs, hosting_asns, tor_exits, published, force, data_dir):
    """Validate feed files and install them in the data folder (all or none)."""
    from detector.intel.feed_store import FeedStore

    sources = {k: v for k, v in (("sdn", sdn), ("vpn_cidrs", vpn_cidrs), ("hosting_asns", hosting_asns),
                                 ("tor_exits", tor_exits)) if v is not None}
    if not sources:
        raise click.UsageError("give at least one of --sdn, --vpn-cidrs, --hosting-asns, --tor-exits")
    settings = Settings.from_env(data_dir=data_dir).with_defaults()
    assert settings.data_dir is not None
    for result in FeedStore(settings.data_dir).update(
            sources, max_drop=settings.feed_max_drop, force=force, published=published.date() if published else None):
        m = result.manifest
        was = f" (was {result.previous_records:,})" if result.previous_records is not None else ""
        click.echo(f"{result.feed}: {result.action} version {m['version']}, {m['records']:,} records{was}, "
                   f"dated {m['data_date'][:10]} ({m['data_date_from']})")


@intel.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the manifests and ages as JSON.")
@DATA_DIR_OPTION
def intel_status(as_json, data_dir):
    """Show each feed's version, age, size and record count; exit 1 when a loaded feed is stale."""
    from detector.intel.feed_store import FeedStore

    settings = Settings.from_env(data_dir=data_dir).with_defaults()
    assert settings.data_dir is not None
    statuses = FeedStore(settings.data_dir).status(settings.feed_max_age_days)
    if as_json:
        click.echo(json.dumps([{"feed": s.feed, "age_days": s.age_days, "stale": s.stale, "manifest": s.manifest}
                               for s in statuses], indent=2))
    else:
        click.echo(f"feeds in {settings.data_dir / 'feeds'} (stale after {settings.feed_max_age_days:g} days):")
        for s in statuses:
            if s.manifest is None:
                note = "  (sanctions screening is OFF)" if s.feed == "sdn" else ""
                click.echo(f"  {s.feed:<13} not loaded{note}")
                continue
            size = sum(f["bytes"] for f in s.manifest["files"])
            flag = "  STALE" if s.stale else ""
            click.echo(f"  {s.feed:<13} {s.manifest['version']}  age {s.age_days:.1f} days  "
                       f"{s.manifest['records']:,} records  {size / 1e6:.2f} MB  "
                       f"loaded {s.manifest['loaded_at']}{flag}")
    stale = [s.feed for s in statuses if s.stale]
    if stale:
        click.echo(f"warning: stale feed(s): {', '.join(stale)}; download fresh copies and run "
                   "detector intel update", err=True)
        sys.exit(1)


@main.command()
@click.option("--reference", "reference_path", required=True, type=PATH, help="The population the model was trained on (any INPUT form).")
@click.option("--current", "current_path", required=True, type=PATH, help="A recent population to compare with it.")
@click.option("--model", type=PATH, help="Model folder whose scores are compared (default: the promoted or shipped model).")
@click.option("--threshold", default=0.2, show_default=True, type=float, help="Flag features whose population stability index exceeds this.")
@click.option("--metrics", "metrics_path", type=PATH, help="Drift metrics JSON (default: CURRENT's name + .drift.json in the working directory).")
@click.option("--report", "report_path", type=PATH, help="HTML report (default: the metrics file with .html).")
@click.option("--no-report", is_flag=True, help="Write the metrics only.")
@geo_options
def drift(reference_path, current_path, model, threshold, metrics_path, report_path, no_report, **geo):
    """Population stability per feature and score shift of CURRENT against REFERENCE."""
    from detector.training.drift import drift_files

    if no_report and report_path is not None:
        raise click.UsageError("--report and --no-report contradict each other; give one")
    report = drift_files(reference_path, current_path, _settings(model, **geo), metrics_path=metrics_path,
                         report_path=report_path, write_report=not no_report, threshold=threshold)
    click.echo(report.text)
    click.echo(f"metrics written to {report.metrics_path}", err=True)
    if report.report_path is not None:
        click.echo(f"report written to {report.report_path}", err=True)


@main.group()
def models() -> None:
    """The model registry: list versions, register a model folder, promote one to production."""


@models.command("list")
def models_list():
    """List the registry's versions; * marks the one `score` uses without --model."""
    from detector.registry import list_models

    registry = Settings.from_env().registry_dir()
    click.echo(f"registry {registry}")
    click.echo(f"  {'version':<30} {'created':<26} {'labelled':>9} {'AP':>6} {'recall':>7}  status")
    for entry in list_models(registry):
        mark = "*" if entry.production else " "
        ap = f"{entry.average_precision:.3f}" if entry.average_precision is not None else "-"
        recall = f"{entry.recall_at_review:.3f}" if entry.recall_at_review is not None else "-"
        status = "shipped" if entry.shipped else "ok"
        if entry.problem:
            status = "INCOMPATIBLE: " + entry.problem
        click.echo(f"{mark} {entry.version:<30} {entry.created or '-':<26} {entry.trained_on or '-':>9} "
                   f"{ap:>6} {recall:>7}  {status}")
    click.echo("AP and recall are out-of-fold on each model's own training data; compare models on the "
               "same data with `detector evaluate --model A --compare B`.")


@models.command("register")
@click.argument("model_dir", metavar="MODEL_DIR", type=PATH)
def models_register(model_dir):
    """Copy a trained model folder into the registry under its card's version."""
    from detector.registry import register

    entry = register(model_dir, Settings.from_env().registry_dir())
    click.echo(f"registered {entry.version} -> {entry.path}")


@models.command("promote")
@click.argument("version")
@click.option("--note", help="Why (kept in the registry's promotion history).")
def models_promote(version, note):
    """Make VERSION the model `score` and `evaluate` use without --model ('default': the shipped one)."""
    from detector.registry import promote

    entry = promote(version, Settings.from_env().registry_dir(), note=note)
    click.echo(f"promoted {entry.version} ({entry.path})")


@models.command("set-thresholds")
@click.argument("model_dir", metavar="MODEL_DIR", type=PATH)
@click.option("--review", required=True, type=click.FloatRange(0, 1), help="Score from which a profile goes to review.")
@click.option("--high", type=click.FloatRange(0, 1), help="Score from which it is high priority (default: kept).")
@click.option("--reason", default="", help="Why (e.g. the review capacity); kept in the card.")
def models_set_thresholds(model_dir, review, high, reason):
    """Set the band thresholds of a model folder to the operating point a team chose."""
    from detector.model.operating_thresholds import set_thresholds

    chosen = set_thresholds(model_dir, review, high, reason)
    click.echo(f"{model_dir}: review {chosen.review:.4f}, high {chosen.high:.4f}")


# ---- population store, API and console (issue 3) --------------------------------------------

STORE_OPTION = click.option("--store", "store_url", envvar="DETECTOR_STORE_URL", default=None,
                            help="Store URL (sqlite:///FILE, postgresql+psycopg://...) or SQLite file; "
                                 "default detector-store.sqlite here.")


def _store_settings(store_url=None, model=None, **geo) -> Settings:
    return _settings(model, **geo).with_store(store_url)


@main.group()
def store():
    """Manage the population store: create it, import applicants, keys, users, labels."""


@store.command("init")
@STORE_OPTION
def store_init(store_url):
    """Create the store (or upgrade its schema to this version)."""
    from detector.store.db import open_store
    from detector.store.db import store_url as url_of

    settings = _store_settings(store_url)
    open_store(settings).dispose()
    click.echo(f"store ready at {url_of(settings).split('@')[-1]}", err=True)


@store.command("import")
@click.argument("input_path", metavar="INPUT", type=PATH)
@STORE_OPTION
@click.option("--model", type=PATH, help="Model folder (default: the shipped model).")
@geo_options
def store_import(input_path, store_url, model, **geo):
    """Score the applicants of INPUT and add them to the store (links, scores, queue)."""
    from detector.io import load_population
    from detector.store.db import open_store
    from detector.store.scoring import ScoringEngine, import_population

    loaded = load_population(input_path)
    engine = ScoringEngine.open(_store_settings(store_url, model, **geo))
    opened = open_store(engine.settings)
    try:
        summary = import_population(opened, loaded.population, engine)
    finally:
        opened.dispose()
        engine.close()
    click.echo(f"imported {summary.imported} applicants ({summary.mode}); "
               f"{len(loaded.rejects)} records rejected", err=True)
    if len(loaded.rejects):
        for row in loaded.rejects.head(20).itertuples(index=False):
            click.echo(f"  rejected {row.record} field {row.field}: {row.reason}", err=True)


@store.command("export-labels")
@click.option("-o", "--output", required=True, type=PATH, help="Labels table: .csv or .parquet.")
@STORE_OPTION
def store_export_labels(output, store_url):
    """Write analysts' front/legitimate decisions as a labels table for retraining."""
    from detector.store import queries
    from detector.store.db import open_store

    opened = open_store(_store_settings(store_url))
    with opened.session() as session:
        table = queries.labels_table(session, "cli")
    opened.dispose()
    if output.suffix == ".parquet":
        table.to_parquet(output, index=False)
    elif output.suffix == ".csv":
        table.to_csv(output, index=False)
    else:
        raise click.BadParameter(f"'{output}' must end in .csv or .parquet", param_hint="-o/--output")
    click.echo(f"wrote {len(table)} labels to {output}", err=True)


@store.command("create-key")
@click.option("--scopes", required=True, help="Comma-separated: score, read, decide, admin.")
@click.option("--name", default="", help="What the key is for (shown in listings).")
@STORE_OPTION
def store_create_key(scopes, name, store_url):
    """Create an API key and print it once (only its hash is stored)."""
    from detector.store import accounts
    from detector.store.db import open_store

    opened = open_store(_store_settings(store_url))
    with opened.session() as session:
        key = accounts.create_api_key(session, name, scopes, actor="cli")
    opened.dispose()
    click.echo(key)
    click.echo("store this key now: it cannot be shown again", err=True)


@store.command("create-user")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(["analyst", "lead", "admin"]))
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              envvar="DETECTOR_NEW_USER_PASSWORD", help="Prompted for when not given.")
@STORE_OPTION
def store_create_user(username, role, password, store_url):
    """Create a console user (password kept as an argon2id hash)."""
    from detector.store import accounts
    from detector.store.db import open_store

    opened = open_store(_store_settings(store_url))
    with opened.session() as session:
        accounts.create_user(session, username, password, role, actor="cli")
    opened.dispose()
    click.echo(f"created {role} {username}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@STORE_OPTION
@click.option("--model", type=PATH, help="Model folder (default: the shipped model).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes sharing the port and the store (e.g. one per core).")
@geo_options
def serve(host, port, store_url, model, workers, **geo):
    """Run the scoring API and the analyst console on the store."""
    import uvicorn

    from detector.api.app import create_app, prepare_process
    from detector.api.no_delay import http_protocol

    if workers == 1:
        app = create_app(_store_settings(store_url, model, **geo))
        prepare_process()
        uvicorn.run(app, host=host, port=port, log_level="info", http=http_protocol())
        return
    from detector.api.app import export_worker_settings
    from detector.store.db import open_store

    settings = _store_settings(store_url, model, **geo)
    open_store(settings).dispose()  # create or migrate once, before the workers start
    export_worker_settings(settings)
    # A worker loading the model on a busy machine can miss uvicorn's 5 s health ping and be
    # killed and restarted over and over: give it a minute.
    uvicorn.run("detector.api.app:app_from_environment", factory=True, workers=workers, host=host,
                port=port, log_level="info", timeout_worker_healthcheck=60, http=http_protocol())


if __name__ == "__main__":
    main()
