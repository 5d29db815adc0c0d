/* tally-alert-evaluator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Runs the rules against the store, one evaluation at a time, and keeps
 * each rule's state: an alert fires after fire_after evaluations over the
 * threshold and resolves after resolve_after evaluations past the
 * threshold's margin, so a value that wavers around the threshold fires
 * once and resolves once (docs/alerts.md, "Hysteresis"). With a history
 * each alert is a row of the store's alerts table, and the alerts still
 * firing there are picked up again: a restart does not fire them twice.
 * Each evaluation first takes up the rows another process sharing the
 * store fired or resolved, and tells them as its own; the history adopts
 * a row of the same rule still firing, so two evaluators record one alert
 * once and each tells it once.
 *
 * An evaluation works on a copy of the states: an asynchronous one runs
 * its queries and its history reads and writes on a worker thread; the
 * new states are put in place, and the signals emitted, in the caller's
 * context, one evaluation at a time. */

#include "config.h"

#include <math.h>

#include "tally-alert-evaluator.h"
#include "tally-alert-measure.h"

struct _TallyAlertEvaluator
{
  GObject            parent_instance;

  TallyStore        *store;
  GPtrArray         *rules;      /* TallyAlertRule, replaced whole */
  GTimeZone         *tz;
  GHashTable        *states;     /* rule id → State */
  TallyAlertHistory *history;
  gboolean           record;
  gboolean           one_shot;
  GPtrArray         *errors;     /* char *, of the last evaluation */
};

typedef struct
{
  TallyAlert *alert;     /* while firing */
  guint       over;      /* evaluations in a row over the threshold */
  guint       clear;     /* evaluations in a row past the margin */
} State;

G_DEFINE_FINAL_TYPE (TallyAlertEvaluator, tally_alert_evaluator, G_TYPE_OBJECT)

enum
{
  ALERT_FIRED,
  ALERT_RESOLVED,
  EVALUATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char evaluate_tag[] = "tally_alert_evaluator_evaluate_async";

static void
state_free (gpointer data)
{
  State *state = data;

  tally_alert_free (state->alert);
  g_free (state);
}

/**
 * tally_alert_evaluator_new:
 * @rules: (nullable): the rules; %NULL for the defaults
 */
TallyAlertEvaluator *
tally_alert_evaluator_new (TallyStore *store,
                           GPtrArray  *rules)
{
  TallyAlertEvaluator *self;

  g_return_val_if_fail (TALLY_IS_STORE (store), NULL);

  self = g_object_new (TALLY_TYPE_ALERT_EVALUATOR, NULL);
  self->store = g_object_ref (store);
  if (rules != NULL)
    tally_alert_evaluator_set_rules (self, rules);
  return self;
}

void
tally_alert_evaluator_set_rules (TallyAlertEvaluator *self,
                                 GPtrArray           *rules)
{
  g_return_if_fail (TALLY_IS_ALERT_EVALUATOR (self));
  g_return_if_fail (rules != NULL);

  g_clear_pointer (&self->rules, g_ptr_array_unref);
  self->rules = g_ptr_array_ref (rules);
}

GPtrArray *
tally_alert_evaluator_get_rules (TallyAlertEvaluator *self)
{
  g_return_val_if_fail (TALLY_IS_ALERT_EVALUATOR (self), NULL);
  return self->rules;
}

void
tally_alert_evaluator_set_time_zone (TallyAlertEvaluator *self,
                                     GTimeZone           *tz)
{
  g_return_if_fail (TALLY_IS_ALERT_EVALUATOR (self));

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
}

/* One-shot: an alert fires and resolves at the first evaluation that
 * says so, as `tally alerts` needs; the margin still applies. */
void
tally_alert_evaluator_set_one_shot (TallyAlertEvaluator *self,
                                    gboolean             one_shot)
{
  g_return_if_fail (TALLY_IS_ALERT_EVALUATOR (self));
  self->one_shot = one_shot;
}

static State *
get_state (GHashTable *states,
           const char *rule_id)
{
  State *state = g_hash_table_lookup (states, rule_id);

  if (state == NULL)
    {
      state = g_new0 (State, 1);
      g_hash_table_insert (states, g_strdup (rule_id), state);
    }
  return state;
}

static GHashTable *
states_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, state_free);
}

static GHashTable *
states_copy (GHashTable *states)
{
  GHashTable *copy = states_new ();
  GHashTableIter iter;
  const char *id;
  State *state;

  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &state))
    {
      State *dup = g_memdup2 (state, sizeof *state);

      dup->alert = state->alert != NULL ? tally_alert_copy (state->alert) : NULL;
      g_hash_table_insert (copy, g_strdup (id), dup);
    }
  return copy;
}

typedef struct
{
  guint       signal;
  TallyAlert *alert;
} Transition;

static void
transition_free (gpointer data)
{
  Transition *transition = data;

  tally_alert_free (transition->alert);
  g_free (transition);
}

static void
add_transition (GPtrArray  *transitions,
                guint       signal,
                TallyAlert *alert)
{
  Transition *transition = g_new0 (Transition, 1);

  transition->signal = signal;
  transition->alert = alert;
  g_ptr_array_add (transitions, transition);
}

/* Takes up the history's alerts still @firing: an alert no longer among
 * them was resolved by another process sharing the store, one there that
 * @states lacks was fired by one. Only the rules in @rules are taken up;
 * %NULL takes up all. With @transitions, each is told as if this process
 * had seen it (the app notifies of what `tally collect` recorded first);
 * without, as when the history is opened, nothing is: those alerts were
 * told before. */
static void
sync_states (GHashTable *states,
             GPtrArray  *firing,
             GPtrArray  *rules,
             GPtrArray  *transitions,
             gint64      now)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  State *state;

  for (guint i = 0; i < firing->len; i++)
    g_hash_table_add (ids, &((TallyAlert *) g_ptr_array_index (firing, i))->id);

  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &state))
    if (state->alert != NULL && state->alert->id > 0 && !g_hash_table_contains (ids, &state->alert->id))
      {
        if (transitions != NULL)
          {
            /* when this process learnt of it: the row's own end is not read */
            state->alert->resolved_at = now;
            add_transition (transitions, ALERT_RESOLVED, g_steal_pointer (&state->alert));
          }
        g_clear_pointer (&state->alert, tally_alert_free);
        state->over = state->clear = 0;
      }

  for (guint i = firing->len; i-- > 0;)
    {
      TallyAlert *alert = g_ptr_array_index (firing, i);

      if (rules != NULL && tally_alert_rules_find (rules, alert->rule) == NULL)
        continue;
      state = get_state (states, alert->rule);
      if (state->alert == NULL)
        {
          state->alert = tally_alert_copy (alert);
          state->over = state->clear = 0;
          if (transitions != NULL)
            add_transition (transitions, ALERT_FIRED, tally_alert_copy (alert));
        }
      else if (state->alert->id == 0)
        {
          state->alert->id = alert->id;
          state->alert->fired_at = alert->fired_at;
        }
    }
}

/**
 * tally_alert_evaluator_open_history:
 * @record: write the alerts that fire and resolve; otherwise only read
 *
 * Opens the store's alert history and takes up the alerts it has still
 * firing. Recording upgrades an older store first. Not while an
 * evaluation runs.
 */
gboolean
tally_alert_evaluator_open_history (TallyAlertEvaluator  *self,
                                    gboolean              record,
                                    GError              **error)
{
  g_autoptr(GPtrArray) firing = NULL;

  g_return_val_if_fail (TALLY_IS_ALERT_EVALUATOR (self), FALSE);

  g_clear_pointer (&self->history, tally_alert_history_close);
  self->history = tally_alert_history_open (tally_store_get_path (self->store), !record, error);
  if (self->history == NULL)
    return FALSE;
  self->record = record;

  if ((firing = tally_alert_history_list (self->history, TRUE, 0, error)) == NULL)
    return FALSE;
  sync_states (self->states, firing, NULL, NULL, 0);

  return TRUE;
}

static TallyAlert *
make_alert (const TallyAlertRule *rule,
            double                value,
            gint64                now)
{
  TallyAlert *alert = tally_alert_new ();

  alert->rule = g_strdup (rule->id);
  alert->name = g_strdup (rule->name);
  alert->severity = g_strdup (tally_alert_severity_to_string (rule->severity));
  alert->metric = g_strdup (tally_metric_to_string (rule->query->metric));
  alert->value = value;
  alert->threshold = rule->threshold;
  alert->description = tally_alert_rule_describe_value (rule, value);
  alert->dashboard = g_strdup (rule->dashboard);
  alert->fired_at = now;
  return alert;
}

/* One evaluation: its measures, and the states it moves to. The states
 * are a copy of the evaluator's, changed (with the history's rows) where
 * the measures are taken, and put in place, with the signals, in the
 * evaluator's context. */
typedef struct
{
  GPtrArray         *rules;
  gint64             now;
  GTimeZone         *tz;
  TallyAlertHistory *history;     /* not owned; NULL when not recording */
  gboolean           one_shot;
  TallyAlertMeasure *measures;
  GPtrArray         *failed;      /* char *, or NULL per rule */
  GHashTable        *states;      /* rule id → State, after the evaluation */
  GPtrArray         *transitions; /* Transition, in order */
  GPtrArray         *errors;      /* char *, all of the evaluation */
} Evaluation;

static void
fire (Evaluation           *ev,
      const TallyAlertRule *rule,
      State                *state,
      double                value)
{
  g_autoptr(GError) error = NULL;

  state->alert = make_alert (rule, value, ev->now);
  state->clear = 0;
  if (ev->history != NULL && !tally_alert_history_add (ev->history, state->alert, &error))
    g_ptr_array_add (ev->errors, g_strdup_printf ("%s: %s", rule->id, error->message));

  add_transition (ev->transitions, ALERT_FIRED, tally_alert_copy (state->alert));
}

static void
resolve (Evaluation *ev,
         const char *rule_id,
         State      *state,
         double      value)
{
  TallyAlert *alert = g_steal_pointer (&state->alert);
  g_autoptr(GError) error = NULL;

  alert->resolved_at = ev->now;
  alert->resolved_value = value;
  state->over = 0;
  state->clear = 0;
  if (ev->history != NULL && alert->id > 0 &&
      !tally_alert_history_resolve (ev->history, alert, ev->now, value, &error))
    g_ptr_array_add (ev->errors, g_strdup_printf ("%s: %s", rule_id, error->message));

  add_transition (ev->transitions, ALERT_RESOLVED, alert);
}

/* One step of a rule's state machine. */
static void
apply (Evaluation              *ev,
       const TallyAlertRule    *rule,
       const TallyAlertMeasure *measure)
{
  State *state = get_state (ev->states, rule->id);
  gboolean enough = measure->requests >= rule->min_requests;
  guint fire_after = ev->one_shot ? 1 : rule->fire_after;
  guint resolve_after = ev->one_shot ? 1 : rule->resolve_after;

  if (state->alert == NULL)
    {
      if (!measure->inactive && enough && tally_alert_rule_breaches (rule, measure->value))
        state->over++;
      else
        state->over = 0;
      if (state->over >= fire_after)
        fire (ev, rule, state, measure->value);
      return;
    }

  if (measure->inactive || !enough || tally_alert_rule_clears (rule, measure->value))
    state->clear++;
  else
    state->clear = 0;
  if (state->clear >= resolve_after)
    resolve (ev, rule->id, state, measure->value);
}

/* Alerts of rules that are gone resolve at once. */
static void
resolve_orphans (Evaluation *ev)
{
  GHashTableIter iter;
  const char *id;
  State *state;

  g_hash_table_iter_init (&iter, ev->states);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &state))
    if (state->alert != NULL && tally_alert_rules_find (ev->rules, id) == NULL)
      resolve (ev, id, state, NAN);
}

static void
evaluation_free (gpointer data)
{
  Evaluation *ev = data;

  g_ptr_array_unref (ev->rules);
  g_time_zone_unref (ev->tz);
  g_free (ev->measures);
  g_ptr_array_unref (ev->failed);
  g_clear_pointer (&ev->states, g_hash_table_unref);
  g_ptr_array_unref (ev->transitions);
  g_clear_pointer (&ev->errors, g_ptr_array_unref);
  g_free (ev);
}

static Evaluation *
evaluation_new (TallyAlertEvaluator *self,
                gint64               now)
{
  Evaluation *ev = g_new0 (Evaluation, 1);

  if (self->rules == NULL)
    self->rules = tally_alert_rule_get_defaults ();
  ev->rules = g_ptr_array_ref (self->rules);
  ev->now = now;
  ev->tz = g_time_zone_ref (self->tz);
  ev->history = self->record ? self->history : NULL;
  ev->one_shot = self->one_shot;
  ev->measures = g_new0 (TallyAlertMeasure, MAX (ev->rules->len, 1));
  ev->failed = g_ptr_array_new_full (ev->rules->len, g_free);
  ev->states = states_copy (self->states);
  ev->transitions = g_ptr_array_new_with_free_func (transition_free);
  ev->errors = g_ptr_array_new_with_free_func (g_free);
  return ev;
}

/* The queries: from any thread. */
static void
measure_all (TallyStore   *store,
             Evaluation   *ev,
             GCancellable *cancellable)
{
  for (guint i = 0; i < ev->rules->len; i++)
    {
      const TallyAlertRule *rule = g_ptr_array_index (ev->rules, i);
      g_autoptr(GError) error = NULL;

      if (!tally_alert_measure (store, rule, ev->now, ev->tz, cancellable, &ev->measures[i], &error))
        {
          ev->measures[i].inactive = TRUE;
          g_ptr_array_add (ev->failed, g_strdup_printf ("%s: %s", rule->id, error->message));
        }
      else
        g_ptr_array_add (ev->failed, NULL);
    }
}

/* The state machines, with the history's rows first and its writes: from
 * any thread, on the evaluation's own states. */
static void
step_all (Evaluation *ev)
{
  if (ev->history != NULL)
    {
      g_autoptr(GPtrArray) firing = NULL;
      g_autoptr(GError) error = NULL;

      if ((firing = tally_alert_history_list (ev->history, TRUE, 0, &error)) != NULL)
        sync_states (ev->states, firing, ev->rules, ev->transitions, ev->now);
      else
        g_ptr_array_add (ev->errors, g_strdup (error->message));
    }

  for (guint i = 0; i < ev->rules->len; i++)
    {
      const char *message = g_ptr_array_index (ev->failed, i);

      /* a rule whose query failed keeps its state: no resolve on an error */
      if (message != NULL)
        g_ptr_array_add (ev->errors, g_strdup (message));
      else
        apply (ev, g_ptr_array_index (ev->rules, i), &ev->measures[i]);
    }
  resolve_orphans (ev);
}

/* The new states and the signals: in the evaluator's context. */
static void
emit_all (TallyAlertEvaluator *self,
          Evaluation          *ev)
{
  g_hash_table_unref (self->states);
  self->states = g_steal_pointer (&ev->states);
  g_ptr_array_unref (self->errors);
  self->errors = g_steal_pointer (&ev->errors);
  for (guint i = 0; i < ev->transitions->len; i++)
    {
      Transition *transition = g_ptr_array_index (ev->transitions, i);

      g_signal_emit (self, signals[transition->signal], 0, transition->alert);
    }
  g_signal_emit (self, signals[EVALUATED], 0);
}

/**
 * tally_alert_evaluator_evaluate:
 * @now: the moment to evaluate at, Unix seconds
 *
 * Evaluates every rule now, in this thread. A rule whose query fails is
 * listed by tally_alert_evaluator_get_errors() and changes no state; the
 * call fails only when cancelled.
 */
gboolean
tally_alert_evaluator_evaluate (TallyAlertEvaluator  *self,
                                gint64                now,
                                GCancellable         *cancellable,
                                GError              **error)
{
  Evaluation *ev;

  g_return_val_if_fail (TALLY_IS_ALERT_EVALUATOR (self), FALSE);

  ev = evaluation_new (self, now);
  measure_all (self->store, ev, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      evaluation_free (ev);
      return FALSE;
    }
  step_all (ev);
  emit_all (self, ev);
  evaluation_free (ev);

  return TRUE;
}

static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TallyAlertEvaluator *self = source_object;

  measure_all (self->store, task_data, cancellable);
  if (!g_cancellable_is_cancelled (cancellable))
    step_all (task_data);
  g_task_return_boolean (task, TRUE);
}

void
tally_alert_evaluator_evaluate_async (TallyAlertEvaluator *self,
                                      gint64               now,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TALLY_IS_ALERT_EVALUATOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) evaluate_tag);
  g_task_set_task_data (task, evaluation_new (self, now), evaluation_free);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, evaluate_thread);
}

/* Puts the evaluation's states in place: the signals are emitted from here. */
gboolean
tally_alert_evaluator_evaluate_finish (TallyAlertEvaluator  *self,
                                       GAsyncResult         *result,
                                       GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  emit_all (self, g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

static int
compare_alerts (gconstpointer a,
                gconstpointer b)
{
  const TallyAlert *x = *(TallyAlert * const *) a;
  const TallyAlert *y = *(TallyAlert * const *) b;
  TallyAlertSeverity sx = 0, sy = 0;

  tally_alert_severity_from_string (x->severity, &sx);
  tally_alert_severity_from_string (y->severity, &sy);
  if (sx != sy)
    return sx > sy ? -1 : 1;
  return x->fired_at < y->fired_at ? 1 : x->fired_at > y->fired_at ? -1 : g_strcmp0 (x->rule, y->rule);
}

/**
 * tally_alert_evaluator_get_firing:
 *
 * Returns: (transfer container) (element-type TallyAlert): the alerts
 *   firing now, most severe first, then newest; owned by the evaluator
 */
GPtrArray *
tally_alert_evaluator_get_firing (TallyAlertEvaluator *self)
{
  GPtrArray *firing = g_ptr_array_new ();
  GHashTableIter iter;
  State *state;

  g_return_val_if_fail (TALLY_IS_ALERT_EVALUATOR (self), firing);

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &state))
    if (state->alert != NULL)
      g_ptr_array_add (firing, state->alert);
  g_ptr_array_sort (firing, compare_alerts);

  return firing;
}

/* "rule-id: message" for each rule the last evaluation could not measure. */
GPtrArray *
tally_alert_evaluator_get_errors (TallyAlertEvaluator *self)
{
  g_return_val_if_fail (TALLY_IS_ALERT_EVALUATOR (self), NULL);
  return self->errors;
}

/* The history, newest first; empty without tally_alert_evaluator_open_history(). */
GPtrArray *
tally_alert_evaluator_list_history (TallyAlertEvaluator  *self,
                                    guint                 limit,
                                    GError              **error)
{
  g_return_val_if_fail (TALLY_IS_ALERT_EVALUATOR (self), NULL);

  if (self->history == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) tally_alert_free);
  return tally_alert_history_list (self->history, FALSE, limit, error);
}

static void
tally_alert_evaluator_finalize (GObject *object)
{
  TallyAlertEvaluator *self = TALLY_ALERT_EVALUATOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->history, tally_alert_history_close);
  g_clear_pointer (&self->errors, g_ptr_array_unref);

  G_OBJECT_CLASS (tally_alert_evaluator_parent_class)->finalize (object);
}

static void
tally_alert_evaluator_class_init (TallyAlertEvaluatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tally_alert_evaluator_finalize;

  /**
   * TallyAlertEvaluator::alert-fired:
   * @alert: (type gpointer): the TallyAlert, valid during the emission
   */
  signals[ALERT_FIRED] = g_signal_new ("alert-fired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * TallyAlertEvaluator::alert-resolved:
   * @alert: (type gpointer): the TallyAlert, with resolved_at set
   */
  signals[ALERT_RESOLVED] = g_signal_new ("alert-resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[EVALUATED] = g_signal_new ("evaluated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tally_alert_evaluator_init (TallyAlertEvaluator *self)
{
  self->tz = g_time_zone_new_local ();
  self->states = states_new ();
  self->errors = g_ptr_array_new_with_free_func (g_free);
}
