"""/summary through signed requests: the seeded week's figures exactly, in English and
Chinese, for managers and admins; a polite no for everyone else."""

from __future__ import annotations

import pytest

from storage.models import Member
from tests.support.summary_data import POST_TIME, seed_week

ENGLISH = """\
Weekly summary · Trade team · 2026-11-30 – 2026-12-06
NOTE
:clipboard: *Tasks*
• Created: *6* (last week 2, +4)
• Done: *4* (last week 1, +3)
• Done on time: *33%* (last week 100%, −67 pts)
• Overdue now: *2* (last week 1, +1)
    ◦ Most overdue: Ana (1), Li (1)
:ship: *Orders*
• Open orders by stage
    ◦ Confirmed: *1* (last week 0, +1)
    ◦ Deposit received: *0* (last week 0)
    ◦ Production: *1* (last week 1)
    ◦ QC / inspection: *1* (last week 1)
    ◦ Booked: *0* (last week 1, −1)
    ◦ Shipped: *2* (last week 1, +1)
    ◦ Arrived: *0* (last week 0)
• Shipped this week: *1* (last week 1)
• Arriving in the next 14 days: *1* (last week 1)
• Stuck past their stage SLA: *2* (last week 2)
• Balances overdue: *2* (last week 1, +1)
    ◦ Overdue amounts: CNY 1,200.50 (1), USD 5,000.00 (1)
:speech_balloon: *Customer feedback*
• New: *5* (last week 2, +3)
• Resolved: *3* (last week 1, +2)
• Median time to first response: *2h* (last week 3h 30m, −1h 30m)
• Median time to resolution: *2d* (last week 1d, +1d)
• SLA met: *33%* (last week 100%, −67 pts)
• Open by severity
    ◦ :red_circle: Critical: *2* (last week 0, +2)
    ◦ :large_orange_circle: High: *0* (last week 1, −1)
    ◦ :large_blue_circle: Normal: *0* (last week 0)
    ◦ :white_circle: Low: *1* (last week 0, +1)
• Top categories
    ◦ Quality: *3* (last week 1, +2)
    ◦ Delivery delay: *1* (last week 0, +1)
    ◦ Packaging: *1* (last week 1)
:sunrise: *Standups*
• Participation: *75%* (last week 90%, −15 pts)
• Lowest participation
    ◦ Wang: *50%* (last week —)
    ◦ Ana: *60%* (last week 100%, −40 pts)
    ◦ Li: *100%* (last week 80%, +20 pts)
• Blockers raised: *2* (last week 0, +2)
• Blockers still open (nobody helping yet): *1* (last week 0, +1)
:tada: *Kudos*
• Kudos given: *2* (last week 1, +1)
    ◦ Thanked: Li (2), Ana (1)""".replace(
    "NOTE",
    'Week 2026-11-30 – 2026-12-06 (Asia/Shanghai); "now" figures as of 2026-12-07 00:00. '
    "Each figure has last week's beside it.",
)

CHINESE = """\
每周总结 · Trade team · 2026-11-30 – 2026-12-06
NOTE
:clipboard: *任务*
• 新建：*6*（上周 2，+4）
• 完成：*4*（上周 1，+3）
• 按时完成：*33%*（上周 100%，−67 个百分点）
• 当前逾期：*2*（上周 1，+1）
    ◦ 逾期最多：Ana (1), Li (1)
:ship: *订单*
• 各阶段未完成订单
    ◦ 已确认：*1*（上周 0，+1）
    ◦ 已收定金：*0*（上周 0）
    ◦ 生产中：*1*（上周 1）
    ◦ 质检/验货：*1*（上周 1）
    ◦ 已订舱：*0*（上周 1，−1）
    ◦ 已出运：*2*（上周 1，+1）
    ◦ 已到港：*0*（上周 0）
• 本周出运：*1*（上周 1）
• 未来 14 天到港：*1*（上周 1）
• 超过阶段时限：*2*（上周 2）
• 尾款逾期：*2*（上周 1，+1）
    ◦ 逾期金额：CNY 1,200.50 (1), USD 5,000.00 (1)
:speech_balloon: *客户反馈*
• 新增：*5*（上周 2，+3）
• 已解决：*3*（上周 1，+2）
• 首次响应时间中位数：*2小时*（上周 3小时30分钟，−1小时30分钟）
• 解决时间中位数：*2天*（上周 1天，+1天）
• 达成时限：*33%*（上周 100%，−67 个百分点）
• 按严重程度的未解决反馈
    ◦ :red_circle: 严重：*2*（上周 0，+2）
    ◦ :large_orange_circle: 高：*0*（上周 1，−1）
    ◦ :large_blue_circle: 普通：*0*（上周 0）
    ◦ :white_circle: 低：*1*（上周 0，+1）
• 主要类别
    ◦ 质量：*3*（上周 1，+2）
    ◦ 交期延误：*1*（上周 0，+1）
    ◦ 包装：*1*（上周 1）
:sunrise: *站会*
• 参与率：*75%*（上周 90%，−15 个百分点）
• 参与率最低
    ◦ Wang：*50%*（上周 —）
    ◦ Ana：*60%*（上周 100%，−40 个百分点）
    ◦ Li：*100%*（上周 80%，+20 个百分点）
• 提出的阻碍：*2*（上周 0，+2）
• 仍未解决的阻碍（尚无人协助）：*1*（上周 0，+1）
:tada: *点赞*
• 点赞次数：*2*（上周 1，+1）
    ◦ 被感谢：Li (2), Ana (1)""".replace(
    "NOTE",
    "统计周 2026-11-30 – 2026-12-06（Asia/Shanghai）；“当前”数据截至 2026-12-07 00:00。"
    "每项数据旁附上周数据。",
)


@pytest.fixture
def monday(slack):
    """The Monday morning after the seeded week."""
    slack.core.clock.now = lambda: POST_TIME
    return slack


def ask(slack, text, user="UMGR"):
    response = slack.command("/summary", text, user=user)
    assert response.json().get("response_type") == "ephemeral"
    return slack.reply_text(response)


def without_fallback(text):
    """The blocks' text (the first line is the notification fallback, the title again)."""
    return text.split("\n", 1)[1]


def test_a_manager_asking_for_last_week_sees_exactly_its_figures(monday):
    seed_week(monday.core)
    assert without_fallback(ask(monday, "last week")) == ENGLISH


def test_a_manager_reading_chinese_sees_the_same_figures_in_chinese(monday):
    seed_week(monday.core, locale="zh-CN")
    assert without_fallback(ask(monday, "上周")) == CHINESE


@pytest.mark.parametrize("text", ["last week", "last", "2026-12-03", "2026-11-30"])
def test_every_way_of_naming_the_week_gives_the_same_summary(monday, text):
    seed_week(monday.core)
    assert without_fallback(ask(monday, text)) == ENGLISH


def test_this_week_is_the_week_running_now(monday):
    seed_week(monday.core)
    text = ask(monday, "this week")
    assert "2026-12-07 – 2026-12-13" in text
    assert "• Created: *0* (last week 6, −6)" in text  # last week is the seeded one


def test_an_admin_may_ask_too(monday):
    seed_week(monday.core)
    assert "• Created: *6*" in ask(monday, "last week", user="UADMIN")


def test_others_get_a_polite_refusal_and_the_usage_line(monday):
    seed_week(monday.core)
    text = ask(monday, "last week", user="UANA")
    assert "for managers and admins" in text and "/summary [this|last] week" in text
    assert "Created" not in text


def test_a_week_that_has_not_begun_is_refused(monday):
    seed_week(monday.core)
    assert "has not begun yet" in ask(monday, "2026-12-20")


def test_a_week_with_nothing_in_it_says_so_instead_of_empty_tables(monday):
    seed_week(monday.core)
    text = ask(monday, "2026-10-01")
    assert without_fallback(text) == (
        "Weekly summary · Trade team · 2026-09-28 – 2026-10-04\n"
        "Nothing happened in the week of 2026-09-28 – 2026-10-04: no tasks, orders, feedback, "
        "standups or kudos."
    )


def test_a_quiet_part_of_a_busy_week_says_so_in_its_place(monday):
    with monday.core.write() as unit:
        from tests.support.summary_data import people, tasks

        people(unit.session)
        tasks(unit.session)
        unit.session.get(Member, "UMGR").role = "manager"
    text = ask(monday, "last week")
    assert "• Created: *6*" in text
    assert "No open orders, nothing shipped and no balance overdue this week." in text
    assert "No kudos this week." in text
    assert "Open orders by stage" not in text
