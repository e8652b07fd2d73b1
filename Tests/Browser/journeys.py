#!/usr/bin/env python3
"""The console's journeys in a real browser: Debian's Chromium driven by Playwright for Python,
against a real `dangjian serve` with the demo district (host.py).

    python3 Tests/Browser/journeys.py --binary .build/debug/dangjian [--shots DIR] [--only NAME]

Each journey is a secretary's or an admin's day, walked with clicks and typing as a person would;
the tried-as-an-attacker ones edit the URL, strip a form's token and plant a script in a name.
Screenshots of the main pages at 1366×768 and at phone width go to --shots (default
.build/browser-shots). Exits non-zero when a journey fails, naming it.
"""
import argparse
import datetime
import os
import re
import sys
import traceback

from playwright.sync_api import expect, sync_playwright

from host import ADMIN, PASSWORD, SECRETARY, Host

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def login(page, host, user):
    page.goto(host.url + "/login")
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("header .me")).to_be_visible()


def bell(page):
    badge = page.locator("header [data-unread]")
    return int(badge.inner_text()) if badge.count() else 0


def shoot(page, shots, name):
    page.screenshot(path=os.path.join(shots, name + ".png"), full_page=False)


# --- the journeys -----------------------------------------------------------------------------

def secretary_reads_a_reminder(browser, host, shots):
    """A secretary reads a reminder, and the bell's count goes down."""
    page = browser.new_page(viewport=DESKTOP)
    login(page, host, SECRETARY)
    expect(page.get_by_role("heading", name=re.compile("工作台"))).to_be_visible()
    before = bell(page)
    assert before > 0, "the demo secretary should have unread reminders"
    page.locator("header .bell").click()
    expect(page).to_have_url(re.compile(r"/messages$"))
    shoot(page, shots, "messages-desktop")
    first = page.locator("ul.messages li.unread").first
    title = first.locator("button.title").inner_text()
    first.get_by_role("button", name="标为已读").click()
    expect(page.locator(".notice")).to_contain_text("已标记为已读")
    assert bell(page) == before - 1, f"bell {bell(page)} after reading one of {before}"
    page.goto(host.url + "/messages?all=1")
    expect(page.locator("ul.messages li:not(.unread)").filter(has_text=title).first).to_be_visible()
    page.close()


def secretary_sees_a_todo_and_records_a_theme_party_day(browser, host, shots):
    """A secretary logs in, sees a to-do, records a theme party day with attendance from the
    roster, and sees the quarter's cell change."""
    page = browser.new_page(viewport=DESKTOP)
    login(page, host, SECRETARY)
    todo = page.locator("section.todo")
    expect(todo.locator("li").first).to_be_visible()
    expect(todo.locator("li.overdue").first).to_contain_text("逾期")
    # The quarter's compliance arrives after the page, drawn by the server.
    expect(page.locator("[data-load]")).to_contain_text("主题党日")
    shoot(page, shots, "home-desktop")
    branch = host.grant(SECRETARY)
    quarter = quarter_of(datetime.date.today())
    page.goto(f"{host.url}/orglife/quarterly?quarter={quarter}&under={branch}")
    cell = page.locator(f"[data-cell^='{branch}-'][data-cell*='themeDay']").first
    if cell.count() == 0:
        cell = page.locator(f"[data-cell^='{branch}-']").filter(has=page.locator("title", has_text="主题党日")).first
    before = cell.get_attribute("data-state")
    page.goto(f"{host.url}/orglife/records/new")
    page.locator("select[name=kind]").select_option(label="主题党日")
    page.locator("[name=topic]").fill("学习贯彻党的二十届三中全会精神主题党日")
    page.locator("[name=place]").fill("学校党员活动室")
    roster = page.locator("[data-roster]")
    boxes = roster.locator("input[name=present]")
    assert boxes.count() >= 2, "the roster lists the branch's members"
    absent = boxes.nth(1)
    absent.uncheck()
    reason = roster.locator(f"[data-reason-for='{absent.get_attribute('value')}'] input")
    expect(reason).to_be_visible()
    reason.fill("外出培训")
    shoot(page, shots, "orglife-entry-desktop")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".notice")).to_be_visible()
    expect(page.locator("main")).to_contain_text("外出培训")
    page.goto(f"{host.url}/orglife/quarterly?quarter={quarter}&under={branch}")
    after = page.locator(f"[data-cell='{cell.get_attribute('data-cell')}']" if before else "[data-cell]").first
    assert before != "held", f"the theme day cell was already {before}"
    expect(after).to_have_attribute("data-state", re.compile("held|partly"))
    page.close()


def admin_opens_the_heatmap_and_clicks_a_missing_cell(browser, host, shots):
    """A district admin opens the heatmap and clicks a missing cell."""
    page = browser.new_page(viewport=DESKTOP)
    login(page, host, ADMIN)
    page.locator("nav.side").get_by_role("link", name="季度检查").click()
    expect(page.locator("svg.chart")).to_be_visible()
    shoot(page, shots, "orglife-heatmap-desktop")
    missing = page.locator("svg.chart [data-state=missing]").first
    expect(missing).to_be_attached()
    missing.click()
    expect(page).to_have_url(re.compile(r"/orglife/quarterly/cell"))
    expect(page.locator("main")).to_contain_text(re.compile("没有|无"))
    page.close()


def secretary_submits_evidence_and_the_admin_returns_it(browser, host, shots):
    """A secretary submits evidence on a rectification item, and the admin returns it with a reason."""
    root = host.grant(ADMIN)
    branch = host.grant(SECRETARY)
    today = datetime.date.today()
    status, inspection = host.api("POST", "/api/v1/inspections", {
        "organizationID": root, "title": "年终党建督查", "inspectedOn": today.isoformat()})
    assert status == 201, inspection
    status, finding = host.api("POST", f"/api/v1/inspections/{inspection['id']}/findings", {
        "organizationID": branch, "description": "组织生活会会议记录不完整",
        "rectifyBy": (today + datetime.timedelta(days=20)).isoformat(),
        "acceptanceCriteria": "补齐会议记录，附签到表"})
    assert status == 201, finding
    task = finding["rectificationTaskID"]
    page = browser.new_page(viewport=DESKTOP)
    login(page, host, SECRETARY)
    page.get_by_role("link", name="任务与整改").click()
    page.get_by_role("link", name=re.compile("组织生活会会议记录不完整")).first.click()
    expect(page.locator("main")).to_contain_text("补齐会议记录，附签到表")
    page.get_by_label(re.compile("提交佐证材料")).fill("已补齐 11 月组织生活会记录，签到表编号 2026-11-03")
    page.get_by_role("button", name="提交佐证").click()
    expect(page.locator(".notice")).to_contain_text("佐证材料已提交")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交验收").click()
    expect(page.locator("h1 .status")).to_have_text("待验收")
    shoot(page, shots, "task-desktop")
    page.close()

    page = browser.new_page(viewport=DESKTOP)
    login(page, host, ADMIN)
    page.goto(f"{host.url}/tasks?status=submitted")
    page.get_by_role("link", name=re.compile("组织生活会会议记录不完整")).first.click()
    page.get_by_label("退回原因").fill("缺少签到表原件扫描件")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="退回整改").click()
    expect(page.locator("h1 .status")).to_have_text("已退回")
    expect(page.locator("main")).to_contain_text("缺少签到表原件扫描件")
    page.close()
    status, seen = host.api("GET", f"/api/v1/tasks/{task}", user=SECRETARY)
    assert status == 200 and seen["status"] == "returned", seen


def secretary_cannot_open_another_branchs_member(browser, host, shots):
    """Tried as a user would: editing the URL to another branch's member answers 404."""
    branch = host.grant(SECRETARY)
    status, page_of = host.api("GET", "/api/v1/members?limit=200")
    other = next(m for m in page_of["items"] if m["organizationID"] != branch)
    page = browser.new_page(viewport=DESKTOP)
    login(page, host, SECRETARY)
    answer = page.goto(f"{host.url}/members/{other['id']}")
    assert answer.status == 404, answer.status
    expect(page.locator("h1")).to_have_text("未找到")
    expect(page.locator("main")).not_to_contain_text(other["name"])
    page.close()


def a_form_without_its_token_is_refused(browser, host, shots):
    """Tried as a user would: a form posted without its CSRF token is refused."""
    page = browser.new_page(viewport=DESKTOP)
    login(page, host, SECRETARY)
    page.goto(host.url + "/messages")
    before = bell(page)
    page.evaluate("document.querySelectorAll('input[name=_csrf]').forEach(e => e.remove())")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.get_by_role("button", name="全部标为已读").click()
    expect(page.locator("main")).to_contain_text("表单已失效")
    page.goto(host.url + "/messages")
    assert bell(page) == before, "a refused form changed nothing"
    page.close()


def a_script_in_a_name_stays_text(browser, host, shots):
    """Tried as a user would: a member named <script>alert(1)</script> shows as text."""
    branch = host.grant(SECRETARY)
    hostile = "<script>alert(1)</script>"
    status, member = host.api("POST", "/api/v1/members", {
        "organizationID": branch, "name": hostile, "status": "applicant",
        "appliedOn": datetime.date.today().isoformat()})
    assert status == 201, member
    page = browser.new_page(viewport=DESKTOP)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    login(page, host, SECRETARY)
    page.goto(f"{host.url}/members/{member['id']}")
    expect(page.locator("h1")).to_have_text(hostile)
    page.goto(f"{host.url}/members?status=applicant")
    expect(page.get_by_role("link", name=hostile)).to_be_visible()
    assert not dialogs, f"a script ran: {dialogs}"
    page.close()


def main_pages_at_both_sizes(browser, host, shots):
    """Screenshots of the main pages at 1366×768 and at phone width, for a person to look at."""
    branch = host.grant(SECRETARY)
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = browser.new_page(viewport=viewport)
        login(page, host, ADMIN if size == "desktop" else SECRETARY)
        pages = [("home", "/"), ("organizations", f"/organizations?id={branch}"), ("tasks", "/tasks"),
                 ("messages", "/messages"), ("calendar", "/orglife/calendar"), ("heatmap", "/orglife/quarterly")]
        status, listing = host.api("GET", f"/api/v1/members?within={branch}&limit=1")
        if listing.get("items"):
            pages.append(("member", f"/members/{listing['items'][0]['id']}?tab=history"))
        for name, path in pages:
            answer = page.goto(host.url + path)
            assert answer.status == 200, f"{path}: {answer.status}"
            # Nothing may stick out sideways on a phone but a table or a chart that scrolls inside its box.
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{path} is {overflow}px wider than the {size} screen"
            shoot(page, shots, f"{name}-{size}")
        page.close()
    page = browser.new_page(viewport=PHONE)
    page.goto(host.url + "/login")
    shoot(page, shots, "login-phone")
    page.close()


def quarter_of(day):
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


JOURNEYS = [
    secretary_reads_a_reminder,
    secretary_sees_a_todo_and_records_a_theme_party_day,
    admin_opens_the_heatmap_and_clicks_a_missing_cell,
    secretary_submits_evidence_and_the_admin_returns_it,
    secretary_cannot_open_another_branchs_member,
    a_form_without_its_token_is_refused,
    a_script_in_a_name_stays_text,
    main_pages_at_both_sizes,
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/dangjian")
    parser.add_argument("--shots", default=".build/browser-shots")
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    os.makedirs(args.shots, exist_ok=True)
    failed = []
    chosen = [j for j in JOURNEYS if not args.only or args.only in j.__name__]
    with Host(args.binary) as host, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for journey in chosen:
            try:
                journey(browser, host, args.shots)
                print(f"ok   {journey.__name__}")
            except Exception:
                failed.append(journey.__name__)
                print(f"FAIL {journey.__name__}\n{traceback.format_exc()}")
        browser.close()
    print(f"{len(chosen) - len(failed)} of {len(chosen)} journeys passed; screenshots in {args.shots}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
