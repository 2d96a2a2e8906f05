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
@click.option("--model", type=PATH, help="Model folder (default: the shipped model).")
@click.option("--rejects", type=PATH, help="Rejects file (default: OUTPUT with .rejects before the extension).")
@click.option("--store", "store_url", envvar="DETECTOR_STORE_URL", default=None,
              help="Also link against and add to this population store (SQLAlchemy URL or SQLite file).")
@geo_options
def score(input_path, output, model, rejects, store_url=None, **geo):
    """Score every applicant in INPUT; write scores and rejected records."""
    from detector.scoring.run import score_file

    if store_url:
        from detector.store.batch import score_file_with_store

        summary = score_file_with_store(input_path, output, _settings(model, **geo).with_store(store_url), rejects)
    else:
        summary = score_file(input_path, output, _settings(model, **geo), rejects)
    bands = ", ".join(f"{k} {v}" for k, v in summary.bands.items())
    click.echo(f"scored {summary.scored} applicants ({bands}) with {summary.model_version} -> {summary.output}", err=True)
    click.echo(f"rejected {summary.rejected_records} records ({summary.rejected_applicants} applicants) -> {summary.rejects}", err=True)


@main.command()
@click.argument("input_path", metavar="INPUT", type=PATH)
@click.option("-o", "--output", "model_dir", required=True, type=PATH, help="Model folder to write.")
@click.option("--truth", type=PATH, help="Side file with segment/tactic per applicant (default: INPUT's .truth.csv if present).")
@click.option("--seed", default=0, show_default=True, help="Random state of training.")
@geo_options
def train(input_path, model_dir, truth, seed, **geo):
    """Train a model on the labelled applicants of INPUT and write a model folder."""
    from detector.training.train import train_file

    report = train_file(input_path, model_dir, _settings(**geo), truth_path=truth, random_state=seed)
    click.echo(report.text)


@main.command()
@click.argument("input_path", metavar="INPUT", type=PATH)
@click.option("--model", type=PATH, help="Model folder (default: the shipped model).")
@click.option("--truth", type=PATH, help="Side file with segment/tactic per applicant (default: INPUT's .truth.csv if present).")
@click.option("--metrics", "metrics_path", type=PATH, help="Where to write the metrics as JSON (default: INPUT's name + .evaluation.json in the working directory).")
@geo_options
def evaluate(input_path, model, truth, metrics_path, **geo):
    """Print and write detection metrics of a model (and the rules baseline) on labelled INPUT."""
    from detector.training.evaluate import evaluate_file

    report = evaluate_file(input_path, _settings(model, **geo), truth_path=truth, metrics_path=metrics_path)
    click.echo(report.text)
    click.echo(f"metrics written to {report.metrics_path}", err=True)


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
@geo_options
def serve(host, port, store_url, model, **geo):
    """Run the scoring API and the analyst console on the store."""
    import uvicorn

    from detector.api.app import create_app

    app = create_app(_store_settings(store_url, model, **geo))
    uvicorn.run(app, host=host, port=port, log_level="info")


if __name__ == "__main__":
    main()
