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
def score(input_path, output, model, rejects, chunk_size, checkpoint, backend, scheduler, workers,
          previous, keep_work, quiet, **geo):
    """Score every applicant in INPUT; write scores and rejected records.

    JSON Lines and folders of tables are read and scored in chunks with bounded memory, in
    two passes (links are built over the whole input first), resumable: rerun the same
    command after an interruption.
    """
    from detector.scoring.run import default_rejects_path, score_file

    if not Path(input_path).is_dir() and Path(input_path).name.endswith(".json"):
        summary = score_file(input_path, output, _settings(model, **geo), rejects)
        bands = ", ".join(f"{k} {v}" for k, v in summary.bands.items())
        click.echo(f"scored {summary.scored} applicants ({bands}) with {summary.model_version} -> {summary.output}", err=True)
        click.echo(f"rejected {summary.rejected_records} records ({summary.rejected_applicants} applicants) -> {summary.rejects}", err=True)
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


if __name__ == "__main__":
    main()
