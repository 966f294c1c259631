"""The Dockerfile and compose.yaml, checked without a Docker engine: every path they
copy exists, every command they run is a real ``briefbot`` command, every setting
they set is one briefbot reads, and the token stays out of the image and of git."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path, PurePosixPath

import yaml

from briefbot.cli import build_parser
from briefbot.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def instructions() -> list[tuple[str, str]]:
    """(KEYWORD, arguments) for each Dockerfile instruction, continuations joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    found = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def arguments(keyword: str) -> list[str]:
    return [rest for kw, rest in instructions() if kw == keyword]


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for rest in arguments("ENV"):
        env.update(dict(pair.split("=", 1) for pair in rest.split()))
    return env


def ignored_by_docker() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def compose_service(name: str = "briefbot") -> dict[str, object]:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"][name]
    assert isinstance(service, dict)
    return service


def interpolated(environment: dict[str, object]) -> dict[str, str]:
    """The environment as compose gives it with no variable set: ``${X:-default}`` → default."""
    return {
        name: re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(value))
        for name, value in environment.items()
    }


def test_copied_paths_exist_and_reach_the_build() -> None:
    """Every COPY source is in the repository and not excluded by .dockerignore."""
    ignored = ignored_by_docker()
    for rest in arguments("COPY"):
        if rest.startswith("--from="):
            continue  # from the build stage, not the repository
        *sources, _ = [part for part in rest.split() if not part.startswith("--")]
        for source in sources:
            assert (ROOT / source).exists(), source
            assert source not in ignored, source


def test_image_runs_briefbot_commands() -> None:
    """ENTRYPOINT + CMD and the HEALTHCHECK are ``briefbot run`` and ``briefbot health --bot``."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "briefbot" in scripts["project"]["scripts"]
    (entrypoint,) = arguments("ENTRYPOINT")
    (cmd,) = arguments("CMD")
    (healthcheck,) = arguments("HEALTHCHECK")
    run = json.loads(entrypoint) + json.loads(cmd)
    health = json.loads(healthcheck.split("CMD", 1)[1])
    parser = build_parser()
    for command in (run, health):
        assert command[0] == "briefbot"
        assert callable(parser.parse_args(command[1:]).handler)
    assert run[1:] == ["run"] and health[1:] == ["health", "--bot"]  # the bot must be alive
    assert arguments("STOPSIGNAL") == ["SIGTERM"]


def test_image_is_slim_and_runs_as_a_user() -> None:
    """A slim Python matching requires-python runs the wheel the build stage compiled;
    the last USER is not root."""
    (build, base) = arguments("FROM")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert base.startswith("python:") and base.endswith("-slim")
    assert build.split()[0] == base.removesuffix("-slim") and build.endswith(" AS build")
    assert project["requires-python"] == ">=3.11" and base.split(":")[1].startswith("3.11")
    assert arguments("USER")[-1] not in ("root", "0")
    assert any("pyproject.toml" in rest for rest in arguments("RUN"))
    wheel = next(rest for rest in arguments("RUN") if " wheel " in rest)
    assert "BRIEFBOT_COMPILE=1" in wheel and "--wheel-dir /dist" in wheel
    assert any(rest.startswith("--from=build /dist ") for rest in arguments("COPY"))


def test_image_settings_are_read_by_briefbot() -> None:
    """The knowledge path is where knowledge/ is copied; the database is on the volume."""
    env = dockerfile_env()
    settings = Settings.from_env(env)
    workdir = arguments("WORKDIR")[-1]  # the running stage's
    copied = [rest.split()[-1] for rest in arguments("COPY") if rest.split()[0] == "knowledge"]
    assert settings.knowledge == Path(workdir) / PurePosixPath(copied[-1])
    (volume,) = (json.loads(v) for v in arguments("VOLUME"))
    assert str(settings.db_path.parent) in volume
    assert all(name.startswith(("BRIEFBOT_", "PYTHON", "PIP_")) for name in env)


def test_compose_hands_the_token_as_a_secret() -> None:
    """DISCORD_TOKEN_FILE names the mounted secret; no token sits in the environment."""
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    service = compose_service()
    environment = service["environment"]
    assert isinstance(environment, dict) and "DISCORD_TOKEN" not in environment
    (secret,) = service["secrets"]  # type: ignore[misc]
    assert environment["DISCORD_TOKEN_FILE"] == f"/run/secrets/{secret}"
    secret_file = PurePosixPath(compose["secrets"][secret]["file"])
    assert secret_file.parts[:2] == (".", "secrets") or secret_file.parts[0] == "secrets"
    gitignore = (ROOT / "secrets" / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "*" in gitignore and "secrets" in ignored_by_docker()


def test_compose_settings_are_valid_and_the_database_is_on_a_volume() -> None:
    """Every BRIEFBOT_* variable in compose.yaml is one briefbot reads, with a valid value."""
    service = compose_service()
    environment = {k: str(v) for k, v in service["environment"].items()}  # type: ignore[attr-defined]
    config_source = (ROOT / "src" / "briefbot" / "config.py").read_text(encoding="utf-8")
    for name in environment:
        assert f'"{name}"' in config_source, f"{name} is not a setting briefbot reads"
    settings = Settings.from_env(environment)
    targets = [volume.split(":")[1] for volume in service["volumes"]]  # type: ignore[attr-defined]
    assert str(settings.db_path.parent) in targets


def test_the_postgres_profile_runs_shards_against_one_database() -> None:
    """Profile "postgres": a PostgreSQL service and a bot using it, with the password and the
    hash key as secrets, its shards chosen per machine, its own files on a volume."""
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    database, bot = compose_service("postgres"), compose_service("briefbot-pg")
    assert database["profiles"] == bot["profiles"] == ["postgres"]
    assert "profiles" not in compose_service()  # a plain `docker compose up` stays SQLite
    environment = interpolated(bot["environment"])  # type: ignore[arg-type]
    config_source = (ROOT / "src" / "briefbot" / "config.py").read_text(encoding="utf-8")
    for name in environment:
        assert f'"{name}"' in config_source, f"{name} is not a setting briefbot reads"
    settings = Settings.from_env(environment)
    assert settings.db_url == "postgresql://briefbot@postgres:5432/briefbot"
    assert settings.shard_count == 4 and settings.shard_ids == (0, 1)
    secrets = {f"/run/secrets/{name}" for name in bot["secrets"]}  # type: ignore[attr-defined]
    assert {str(settings.db_password_file), str(settings.secret_file)} <= secrets
    db_env = database["environment"]
    assert isinstance(db_env, dict)
    assert db_env["POSTGRES_PASSWORD_FILE"] == str(settings.db_password_file)
    assert db_env["POSTGRES_USER"] == "briefbot" and db_env["POSTGRES_DB"] == "briefbot"
    targets = [volume.split(":")[1] for volume in bot["volumes"]]  # type: ignore[attr-defined]
    assert str(settings.local_dir) in targets
    assert str(settings.heartbeat_path.parent) in targets
    for name in bot["secrets"]:  # type: ignore[attr-defined]
        assert PurePosixPath(compose["secrets"][name]["file"]).parts[-2] == "secrets"
