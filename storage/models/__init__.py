"""All models, imported here so that `Base.metadata` knows every table.

Each feature keeps its tables in a module of its own; add the import below when adding one.
"""

from .base import Base, UTCDateTime
from .customers import Customer
from .escalation import EscalationChain
from .events import ProcessedEvent
from .feedback import FeedbackComment, FeedbackEvent, FeedbackItem
from .kudos import Kudos, KudosThanked
from .orders import Order, OrderChange, OrderWatcher
from .outbox import FAILED, PENDING, SENDING, SENT, OutboxMessage
from .playbooks import PlaybookStep
from .standups import StandupAbsence, StandupDay, StandupEntry
from .tasks import Task, TaskComment, TaskEvent
from .team import Member

__all__ = [
    "FAILED",
    "PENDING",
    "SENDING",
    "SENT",
    "Base",
    "Customer",
    "EscalationChain",
    "FeedbackComment",
    "FeedbackEvent",
    "FeedbackItem",
    "Kudos",
    "KudosThanked",
    "Member",
    "Order",
    "OrderChange",
    "OrderWatcher",
    "OutboxMessage",
    "PlaybookStep",
    "ProcessedEvent",
    "StandupAbsence",
    "StandupDay",
    "StandupEntry",
    "Task",
    "TaskComment",
    "TaskEvent",
    "UTCDateTime",
]
