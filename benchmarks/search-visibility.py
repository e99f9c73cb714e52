#!/usr/bin/env python3
"""Command-to-searchable latency of the account search projection on a running stack.

Each sample sends a command through the gateway (a registration, then renames of one account) and
polls the search endpoint until the change is searchable; the sample is the time from sending the
command to the first search that shows it. Searches go straight to search-projector with the
identity headers the gateway would add (an admin), because the gateway's per-account rate limit
(600/min on the free plan) would throttle polling every few milliseconds. Registrations are paced
below the gateway's public per-address limit (120/min).

  benchmarks/search-visibility.py                       # 40 registrations, 200 renames
  benchmarks/search-visibility.py --registrations 100 --renames 500
"""
import argparse
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


def call(method, url, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=15) as answer:
            return answer.status, dict(answer.headers), json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def searchable(args, text, predicate, started, samples, failures):
    """Polls until a hit satisfies the predicate; records the milliseconds since started."""
    query = urllib.parse.urlencode({"q": text, "limit": 5})
    admin = {"X-Account-Id": "search-visibility-benchmark", "X-Account-Role": "admin"}
    deadline = started + args.timeout
    while time.monotonic() < deadline:
        status, _, page = call("GET", f"{args.search}/api/v1/search/accounts?{query}", headers=admin)
        if status == 200 and any(predicate(hit) for hit in page["hits"]):
            samples.append((time.monotonic() - started) * 1000)
            return
        time.sleep(args.poll / 1000)
    failures.append(text)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(name, samples, failures, answered=None):
    if answered:
        print(f"{name}: command answered p50={percentile(answered, 50):.0f} ms p99={percentile(answered, 99):.0f} ms")
    for failure in failures[:5]:
        print(f"  not searchable: {failure}")
    if not samples:
        print(f"{name}: no samples, {len(failures)} not searchable in time")
        return
    print(
        f"{name}: n={len(samples)} p50={percentile(samples, 50):.0f} ms "
        f"p95={percentile(samples, 95):.0f} ms p99={percentile(samples, 99):.0f} ms "
        f"max={max(samples):.0f} ms, not searchable within the timeout: {len(failures)}"
    )


def registrations(args):
    samples, failures, threads, answered = [], [], [], []
    run = uuid.uuid4().hex[:8]
    for i in range(args.registrations):
        email = f"visibility-{run}-{i}@example.com"
        started = time.monotonic()
        status, _, body = call(
            "POST",
            f"{args.gateway}/api/v1/accounts",
            {"email": email, "displayName": f"Visibility {run} {i}", "password": "visibility bench"},
        )
        answered.append((time.monotonic() - started) * 1000)
        if status != 201:
            failures.append(f"{email}: {status} {body}")
        else:
            account = body["id"]
            thread = threading.Thread(
                target=searchable,
                args=(args, email, lambda hit, a=account: hit["id"] == a, started, samples, failures),
            )
            thread.start()
            threads.append(thread)
        time.sleep(max(0.0, 1 / args.registration_rate - (time.monotonic() - started)))
    for thread in threads:
        thread.join()
    report("registration -> searchable", samples, failures, answered)


def renames(args):
    samples, failures, answered = [], [], []
    run = uuid.uuid4().hex[:8]
    email = f"visibility-renames-{run}@example.com"
    password = "visibility bench"
    status, _, account = call(
        "POST", f"{args.gateway}/api/v1/accounts",
        {"email": email, "displayName": "Renamed 0", "password": password})
    assert status == 201, account
    for _ in range(100):
        status, _, session = call(
            "POST", f"{args.gateway}/api/v1/sessions", {"email": email, "password": password})
        if status == 201:
            break
        time.sleep(0.1)
    bearer = {"Authorization": "Bearer " + session["token"]}
    version = account["version"]
    for i in range(1, args.renames + 1):
        name = f"Renamed{run}x{i}"
        started = time.monotonic()
        status, _, changed = call(
            "PATCH", f"{args.gateway}/api/v1/accounts/{account['id']}", {"displayName": name},
            {**bearer, "If-Match": f'"{version}"'})
        answered.append((time.monotonic() - started) * 1000)
        if status != 200:
            failures.append(f"rename {i}: {status} {changed}")
            break
        version = changed["version"]
        searchable(args, name, lambda hit, n=name: hit["displayName"] == n, started, samples, failures)
        time.sleep(max(0.0, 1 / args.rename_rate - (time.monotonic() - started)))
    report("rename -> searchable", samples, failures, answered)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", default="http://127.0.0.1:8080")
    parser.add_argument("--search", default="http://127.0.0.1:8084")
    parser.add_argument("--registrations", type=int, default=40)
    parser.add_argument("--registration-rate", type=float, default=1.5, help="per second")
    parser.add_argument("--renames", type=int, default=200)
    parser.add_argument("--rename-rate", type=float, default=5, help="per second, at most")
    parser.add_argument("--poll", type=float, default=20, help="milliseconds between searches")
    parser.add_argument("--timeout", type=float, default=10, help="seconds to wait for one change")
    args = parser.parse_args()
    if args.registrations:
        registrations(args)
    if args.renames:
        renames(args)


if __name__ == "__main__":
    main()
