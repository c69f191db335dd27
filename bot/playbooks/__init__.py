"""Stage playbooks: an order entering a stage hands out that stage's checklist as tasks.

Config: `bot.playbooks.config` (`[[orders.playbooks]]`). The orders feature calls
`service.check_leaving` before a stage change (a required open step refuses it unless
forced) and `service.stage_entered` after one; the Slack side calls `service.hand_out_again`
(the "hand out again" button) and `queries.checklists_of` (`/order checklist`). The status
card's checklist comes from `queries.checklist`. Views are in `bot.playbooks.views`.

This package imports nothing at import time: bot.config and bot.orders import its modules.
"""
