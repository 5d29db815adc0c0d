/* test-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Alert rules on generated traffic in a real store, evaluated minute by
 * minute: each rule fires at the evaluation the test computes from the
 * traffic it made (plain loops over its own per-minute counts), not
 * before; resolves once; never fires twice; holds through noise; waits
 * for its minimum of requests. The history survives a new evaluator, and
 * a store of the previous format is upgraded with its data. */

#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "tally-alert-evaluator.h"
#include "tally-error.h"
#include "tally-paths.h"
#include "tally-test-utils.h"

/* 2026-11-02 00:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1793577600)
#define N_MINUTES 180

/* The traffic of one minute, all at its first seconds. */
typedef struct
{
  guint  ok;
  guint  errors;
  double latency_ms;
} Minute;

typedef struct
{
  TallyStore *store;
  Minute      minutes[N_MINUTES];
  guint       fired;
  guint       resolved;
  gint64      fired_at;
  gint64      resolved_at;
} Fixture;

static void
fired_cb (TallyAlertEvaluator *evaluator,
          TallyAlert          *alert,
          Fixture             *fx)
{
  fx->fired++;
  fx->fired_at = alert->fired_at;
}

static void
resolved_cb (TallyAlertEvaluator *evaluator,
             TallyAlert          *alert,
             Fixture             *fx)
{
  fx->resolved++;
  fx->resolved_at = alert->resolved_at;
}

static TallyEvent *
make_event (gint64 t,
            int    status,
            double latency_ms)
{
  TallyEvent *event = tally_event_new ();

  event->time_ms = t * 1000;
  event->dims[TALLY_DIMENSION_MODEL] = g_strdup ("m");
  event->dims[TALLY_DIMENSION_PROVIDER] = g_strdup ("openai");
  event->status = status;
  event->input_tokens = 10;
  event->output_tokens = 5;
  event->latency_ms = latency_ms;
  event->cost = 0.01;
  return event;
}

static char *
new_store_path (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();

  return g_build_filename (dir, "usage.db", NULL);
}

/* Stores fx->minutes, minute m at T0 + 60 m. */
static void
fixture_store (Fixture *fx)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(GError) error = NULL;

  fx->store = tally_store_open (path, &error);
  g_assert_no_error (error);
  tally_store_set_retention (fx->store, 5000, 5000);
  for (guint m = 0; m < N_MINUTES; m++)
    {
      for (guint i = 0; i < fx->minutes[m].ok; i++)
        g_ptr_array_add (events, make_event (T0 + 60 * m + i % 60, 200, fx->minutes[m].latency_ms));
      for (guint i = 0; i < fx->minutes[m].errors; i++)
        g_ptr_array_add (events, make_event (T0 + 60 * m + i % 60, 500, fx->minutes[m].latency_ms));
    }
  g_assert_true (tally_store_ingest (fx->store, events, &error));
  g_assert_no_error (error);
}

static TallyAlertEvaluator *
fixture_evaluator (Fixture        *fx,
                   TallyAlertRule *rule)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_alert_rule_free);
  TallyAlertEvaluator *evaluator;

  g_ptr_array_add (rules, rule);
  evaluator = tally_alert_evaluator_new (fx->store, rules);
  tally_alert_evaluator_set_time_zone (evaluator, NULL);
  g_signal_connect (evaluator, "alert-fired", G_CALLBACK (fired_cb), fx);
  g_signal_connect (evaluator, "alert-resolved", G_CALLBACK (resolved_cb), fx);
  return evaluator;
}

static void
fixture_clear (Fixture *fx)
{
  tally_store_close (fx->store);
  g_clear_object (&fx->store);
}

/* The error rate of the @window minutes before minute @m, and their
 * requests, from the fixture's own counts. */
static double
window_error_rate (const Fixture *fx,
                   guint          m,
                   guint          window,
                   guint         *requests)
{
  guint n = 0, errors = 0;

  for (guint i = m >= window ? m - window : 0; i < m; i++)
    n += fx->minutes[i].ok + fx->minutes[i].errors, errors += fx->minutes[i].errors;
  *requests = n;
  return n > 0 ? (double) errors / n : NAN;
}

/* By hand: the first minute whose window is over @threshold with enough
 * requests, then the @resolve_after-th minute in a row under the
 * threshold less @margin. */
static void
expect_error_alert (const Fixture *fx,
                    guint          window,
                    double         threshold,
                    double         margin,
                    guint          resolve_after,
                    guint          last,
                    guint         *fire,
                    guint         *resolve)
{
  guint clear = 0;

  *fire = *resolve = 0;
  for (guint m = 1; m <= last && *resolve == 0; m++)
    {
      guint n;
      double rate = window_error_rate (fx, m, window, &n);

      if (*fire == 0 && n >= 20 && rate > threshold)
        *fire = m;
      else if (*fire != 0)
        {
          clear = rate < threshold - margin ? clear + 1 : 0;
          if (clear == resolve_after)
            *resolve = m;
        }
    }
}

/* Evaluates at each minute from @first to @last; the callbacks count. */
static void
run_minutes (TallyAlertEvaluator *evaluator,
             guint                first,
             guint                last)
{
  for (guint m = first; m <= last; m++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (tally_alert_evaluator_evaluate (evaluator, T0 + 60 * m, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (tally_alert_evaluator_get_errors (evaluator)->len, ==, 0);
    }
}

static TallyAlertRule *
error_rate_rule (guint window_min)
{
  TallyAlertRule *rule = tally_alert_rule_new ("errors", TALLY_ALERT_THRESHOLD, TALLY_METRIC_ERROR_RATE,
                                               TALLY_STAT_AVG);

  rule->window_s = 60 * window_min;
  rule->comparison = TALLY_COMPARE_GT;
  rule->threshold = 0.05;
  rule->min_requests = 20;
  return rule;
}

static void
test_threshold (void)
{
  Fixture fx = { 0 };
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  guint expect_fire, expect_resolve;

  for (guint m = 0; m < N_MINUTES; m++)
    fx.minutes[m] = (Minute) { 10, m >= 60 && m < 80 ? 2 : 0, 100 };
  fixture_store (&fx);
  evaluator = fixture_evaluator (&fx, error_rate_rule (5));
  g_assert_true (tally_alert_evaluator_open_history (evaluator, TRUE, &error));
  g_assert_no_error (error);

  expect_error_alert (&fx, 5, 0.05, 0.005, 3, 149, &expect_fire, &expect_resolve);
  g_assert_cmpuint (expect_fire, ==, 62);
  g_assert_cmpuint (expect_resolve, >, 80);

  run_minutes (evaluator, 1, expect_fire - 1);
  g_assert_cmpuint (fx.fired, ==, 0);
  run_minutes (evaluator, expect_fire, expect_fire);
  g_assert_cmpuint (fx.fired, ==, 1);
  g_assert_cmpint (fx.fired_at, ==, T0 + 60 * expect_fire);
  run_minutes (evaluator, expect_fire + 1, expect_resolve - 1);
  g_assert_cmpuint (fx.fired, ==, 1);
  g_assert_cmpuint (fx.resolved, ==, 0);
  g_assert_cmpuint (tally_alert_evaluator_get_firing (evaluator)->len, ==, 1);
  run_minutes (evaluator, expect_resolve, 149);
  g_assert_cmpuint (fx.fired, ==, 1);
  g_assert_cmpuint (fx.resolved, ==, 1);
  g_assert_cmpint (fx.resolved_at, ==, T0 + 60 * expect_resolve);

  history = tally_alert_evaluator_list_history (evaluator, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  {
    TallyAlert *alert = g_ptr_array_index (history, 0);
    guint n;

    g_assert_cmpstr (alert->rule, ==, "errors");
    g_assert_cmpint (alert->fired_at, ==, T0 + 60 * expect_fire);
    g_assert_cmpint (alert->resolved_at, ==, T0 + 60 * expect_resolve);
    g_assert_cmpfloat_with_epsilon (alert->value, window_error_rate (&fx, expect_fire, 5, &n), 1e-9);
    g_assert_cmpstr (alert->description, ==, "7.4 % > 5.0 %");
  }

  g_clear_object (&evaluator);
  fixture_clear (&fx);
}

/* A firing alert whose rule's query starts failing (here the store is
 * closed under it) keeps firing: an error is not a resolution, and no
 * second notification follows when the query works again. */
static void
test_error_keeps_state (void)
{
  Fixture fx = { 0 };
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;
  guint expect_fire, expect_resolve;

  for (guint m = 0; m < N_MINUTES; m++)
    fx.minutes[m] = (Minute) { 10, m >= 60 && m < 80 ? 2 : 0, 100 };
  fixture_store (&fx);
  evaluator = fixture_evaluator (&fx, error_rate_rule (5));
  expect_error_alert (&fx, 5, 0.05, 0.005, 3, 149, &expect_fire, &expect_resolve);

  run_minutes (evaluator, 1, expect_fire);
  g_assert_cmpuint (fx.fired, ==, 1);
  tally_store_close (fx.store);
  for (guint m = expect_fire + 1; m <= expect_fire + 10; m++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (tally_alert_evaluator_evaluate (evaluator, T0 + 60 * m, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (tally_alert_evaluator_get_errors (evaluator)->len, ==, 1);
    }
  g_assert_cmpuint (fx.resolved, ==, 0);
  g_assert_cmpuint (fx.fired, ==, 1);
  g_assert_cmpuint (tally_alert_evaluator_get_firing (evaluator)->len, ==, 1);

  g_clear_object (&evaluator);
  fixture_clear (&fx);
}

/* "> 0" with no margin: fires above 0, resolves at 0 (a strict comparison
 * is cleared by its line), where "< line" would never come. */
static void
test_zero_threshold (void)
{
  TallyAlertRule *rule = tally_alert_rule_new ("429s", TALLY_ALERT_THRESHOLD,
                                               TALLY_METRIC_RATE_LIMITED, TALLY_STAT_SUM);

  rule->comparison = TALLY_COMPARE_GT;
  rule->threshold = 0;
  g_assert_true (tally_alert_rule_breaches (rule, 1));
  g_assert_false (tally_alert_rule_breaches (rule, 0));
  g_assert_false (tally_alert_rule_clears (rule, 1));
  g_assert_true (tally_alert_rule_clears (rule, 0));
  rule->comparison = TALLY_COMPARE_GE;
  g_assert_false (tally_alert_rule_clears (rule, 0));
  tally_alert_rule_free (rule);
}

/* Rates that cross 5 % nearly every minute: without hysteresis the rule
 * would fire again and again; with it, once, until the errors stop. */
static void
test_noisy (void)
{
  static const guint noise[] = { 6, 4, 5, 7, 4, 6, 4, 4, 6, 5, 4, 6, 3, 6, 4, 6, 4, 4, 7, 4 };
  Fixture fx = { 0 };
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;
  g_autoptr(TallyAlertEvaluator) naive = NULL;
  TallyAlertRule *rule;
  guint naive_fired, expect_fire, expect_resolve;

  for (guint m = 0; m < N_MINUTES; m++)
    {
      guint errors = m >= 20 && m < 20 + G_N_ELEMENTS (noise) * 3 ? noise[(m - 20) % G_N_ELEMENTS (noise)] : 0;

      fx.minutes[m] = (Minute) { 100 - errors, errors, 100 };
    }
  fixture_store (&fx);

  /* the same rule without a margin, resolving at once: it flaps */
  rule = error_rate_rule (1);
  rule->clear_margin = 0;
  rule->resolve_after = 1;
  naive = fixture_evaluator (&fx, rule);
  run_minutes (naive, 1, 100);
  naive_fired = fx.fired;
  g_assert_cmpuint (naive_fired, >, 5);

  /* the noise lasts from minute 20 to 79 and never stays under 4.5 % for
   * three minutes: the alert fires at 21 and resolves only after it */
  expect_error_alert (&fx, 1, 0.05, 0.005, 3, 120, &expect_fire, &expect_resolve);
  g_assert_cmpuint (expect_fire, ==, 21);
  g_assert_cmpuint (expect_resolve, >=, 80);
  g_assert_cmpuint (expect_resolve, <=, 83);

  fx.fired = fx.resolved = 0;
  evaluator = fixture_evaluator (&fx, error_rate_rule (1));
  run_minutes (evaluator, 1, expect_resolve - 1);
  g_assert_cmpuint (fx.fired, ==, 1);
  g_assert_cmpint (fx.fired_at, ==, T0 + 60 * expect_fire);
  g_assert_cmpuint (fx.resolved, ==, 0);
  run_minutes (evaluator, expect_resolve, 120);
  g_assert_cmpuint (fx.fired, ==, 1);
  g_assert_cmpuint (fx.resolved, ==, 1);
  g_assert_cmpint (fx.resolved_at, ==, T0 + 60 * expect_resolve);

  fixture_clear (&fx);
}

static void
test_min_requests (void)
{
  Fixture fx = { 0 };
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;

  /* half the requests fail throughout; 2 a minute, then 10 from minute 30 */
  for (guint m = 0; m < N_MINUTES; m++)
    fx.minutes[m] = m < 30 ? (Minute) { 1, 1, 100 } : (Minute) { 5, 5, 100 };
  fixture_store (&fx);
  evaluator = fixture_evaluator (&fx, error_rate_rule (5));

  /* 5 minutes × 2 = 10 requests, under 20: the 50 % does not count */
  run_minutes (evaluator, 1, 30);
  g_assert_cmpuint (fx.fired, ==, 0);
  /* at 31: 4 × 2 + 10 = 18; at 32: 3 × 2 + 20 = 26 */
  run_minutes (evaluator, 31, 31);
  g_assert_cmpuint (fx.fired, ==, 0);
  run_minutes (evaluator, 32, 40);
  g_assert_cmpuint (fx.fired, ==, 1);
  g_assert_cmpint (fx.fired_at, ==, T0 + 60 * 32);

  fixture_clear (&fx);
}

static void
test_trend (void)
{
  Fixture fx = { 0 };
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;
  TallyAlertRule *rule = tally_alert_rule_new ("growth", TALLY_ALERT_TREND, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM);
  guint expect = 0;

  /* 10 requests a minute, 30 from minute 60, 10 again from 100 */
  for (guint m = 0; m < N_MINUTES; m++)
    fx.minutes[m] = (Minute) { m >= 60 && m < 100 ? 30 : 10, 0, 100 };
  for (guint m = 20; m < 170 && expect == 0; m++)
    {
      double now = 0, before = 0;

      for (guint i = m - 10; i < m; i++)
        now += fx.minutes[i].ok;
      for (guint i = m - 20; i < m - 10; i++)
        before += fx.minutes[i].ok;
      if (now / before - 1 > 1.0)
        expect = m;
    }
  g_assert_cmpuint (expect, >, 60);

  rule->window_s = 600;
  rule->comparison = TALLY_COMPARE_GT;
  rule->threshold = 1.0;
  fixture_store (&fx);
  evaluator = fixture_evaluator (&fx, rule);
  run_minutes (evaluator, 20, expect - 1);
  g_assert_cmpuint (fx.fired, ==, 0);
  run_minutes (evaluator, expect, expect);
  g_assert_cmpuint (fx.fired, ==, 1);
  /* the growth falls back as the window fills; it resolves once */
  run_minutes (evaluator, expect + 1, 170);
  g_assert_cmpuint (fx.fired, ==, 1);
  g_assert_cmpuint (fx.resolved, ==, 1);

  fixture_clear (&fx);
}

/* Mean latency per 5-minute window; a spike of 3σ over the 12 windows
 * before fires, computed here from the latencies the test stored. */
static void
test_anomaly_stddev (void)
{
  Fixture fx = { 0 };
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;
  TallyAlertRule *rule = tally_alert_rule_new ("latency", TALLY_ALERT_ANOMALY, TALLY_METRIC_LATENCY,
                                               TALLY_STAT_AVG);
  guint expect = 0;

  for (guint m = 0; m < N_MINUTES; m++)
    fx.minutes[m] = (Minute) { 10, 0, 100 + (m * 37 % 11) * 4 + (m >= 120 ? 60 : 0) };
  rule->window_s = 300;
  rule->threshold = 3;
  rule->baseline_windows = 12;
  for (guint m = 65; m < N_MINUTES && expect == 0; m++)
    {
      double cur = 0, sum = 0, sum_sq = 0, mean, sd;

      for (guint i = m - 5; i < m; i++)
        cur += fx.minutes[i].latency_ms / 5;
      for (guint w = 1; w <= 12; w++)
        {
          double v = 0;

          for (guint i = m - 5 * (w + 1); i < m - 5 * w; i++)
            v += fx.minutes[i].latency_ms / 5;
          sum += v, sum_sq += v * v;
        }
      mean = sum / 12;
      sd = sqrt ((sum_sq - 12 * mean * mean) / 11);
      if ((cur - mean) / sd >= 3)
        expect = m;
    }
  g_assert_cmpuint (expect, >, 120);

  fixture_store (&fx);
  evaluator = fixture_evaluator (&fx, rule);
  run_minutes (evaluator, 65, expect - 1);
  g_assert_cmpuint (fx.fired, ==, 0);
  run_minutes (evaluator, expect, expect);
  g_assert_cmpuint (fx.fired, ==, 1);
  /* the new level becomes the baseline: the alert resolves, once */
  run_minutes (evaluator, expect + 1, N_MINUTES);
  g_assert_cmpuint (fx.fired, ==, 1);
  g_assert_cmpuint (fx.resolved, ==, 1);

  fixture_clear (&fx);
}

/* The same hour a week earlier had 10 requests a minute; this hour 12,
 * then 20: +100 % > +50 % fires. */
static void
test_anomaly_last_week (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_alert_rule_free);
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;
  g_autoptr(GError) error = NULL;
  TallyAlertRule *rule = tally_alert_rule_new ("week", TALLY_ALERT_ANOMALY, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM);
  Fixture fx = { 0 };

  store = tally_store_open (path, &error);
  g_assert_no_error (error);
  tally_store_set_retention (store, 5000, 5000);
  for (guint m = 0; m < 120; m++)
    {
      for (guint i = 0; i < 10; i++)
        g_ptr_array_add (events, make_event (T0 - 7 * 86400 + 60 * m + i, 200, 100));
      for (guint i = 0; i < (m < 60 ? 12u : 20u); i++)
        g_ptr_array_add (events, make_event (T0 + 60 * m + i, 200, 100));
    }
  g_assert_true (tally_store_ingest (store, events, &error));

  rule->baseline = TALLY_BASELINE_LAST_WEEK;
  rule->window_s = 1800;
  rule->comparison = TALLY_COMPARE_GT;
  rule->threshold = 0.5;
  g_ptr_array_add (rules, rule);
  evaluator = tally_alert_evaluator_new (store, rules);
  g_signal_connect (evaluator, "alert-fired", G_CALLBACK (fired_cb), &fx);

  /* at 01:00 the half hour holds 12 a minute: +20 % */
  g_assert_true (tally_alert_evaluator_evaluate (evaluator, T0 + 3600, NULL, &error));
  g_assert_cmpuint (fx.fired, ==, 0);
  /* at 01:15: 15 × 12 + 15 × 20 = 480 of 300: +60 % */
  g_assert_true (tally_alert_evaluator_evaluate (evaluator, T0 + 4500, NULL, &error));
  g_assert_cmpuint (fx.fired, ==, 1);
  g_assert_cmpstr (((TallyAlert *) g_ptr_array_index (tally_alert_evaluator_get_firing (evaluator), 0))->description,
                   ==, "+60 % on last week (> +50 %)");
  tally_store_close (store);
}

static void
write_config (const char *name,
              const char *json)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "tally", name, NULL);

  g_assert_true (tally_paths_ensure_parent (path, NULL));
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

/* The default rules against limits.json: 85 requests in a minute of 100
 * allowed is a warning, not critical; a second evaluator on the same
 * store takes the firing alert up and does not fire it again. */
static void
test_defaults_and_restart (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;
  g_autoptr(TallyAlertEvaluator) again = NULL;
  g_autoptr(GPtrArray) firing = NULL;
  g_autoptr(GError) error = NULL;
  Fixture fx = { 0 };

  write_config ("limits.json", "{\"rpm\": 100}");
  store = tally_store_open (path, &error);
  tally_store_set_retention (store, 5000, 5000);
  for (guint i = 0; i < 85; i++)
    g_ptr_array_add (events, make_event (T0 + 600 + i % 20, 200, 100));
  g_assert_true (tally_store_ingest (store, events, &error));

  evaluator = tally_alert_evaluator_new (store, NULL);
  g_signal_connect (evaluator, "alert-fired", G_CALLBACK (fired_cb), &fx);
  g_assert_true (tally_alert_evaluator_open_history (evaluator, TRUE, &error));
  g_assert_true (tally_alert_evaluator_evaluate (evaluator, T0 + 630, NULL, &error));
  g_assert_cmpuint (tally_alert_evaluator_get_errors (evaluator)->len, ==, 0);
  firing = tally_alert_evaluator_get_firing (evaluator);
  g_assert_cmpuint (firing->len, ==, 1);
  g_assert_cmpstr (((TallyAlert *) g_ptr_array_index (firing, 0))->rule, ==, "rpm-warning");
  g_assert_cmpstr (((TallyAlert *) g_ptr_array_index (firing, 0))->description, ==, "85.0 % >= 80.0 %");
  g_assert_cmpuint (fx.fired, ==, 1);
  g_clear_object (&evaluator);

  again = tally_alert_evaluator_new (store, NULL);
  g_signal_connect (again, "alert-fired", G_CALLBACK (fired_cb), &fx);
  g_assert_true (tally_alert_evaluator_open_history (again, TRUE, &error));
  g_assert_true (tally_alert_evaluator_evaluate (again, T0 + 640, NULL, &error));
  g_assert_cmpuint (fx.fired, ==, 1);
  g_clear_pointer (&firing, g_ptr_array_unref);
  firing = tally_alert_evaluator_get_firing (again);
  g_assert_cmpuint (firing->len, ==, 1);
  g_assert_cmpint (((TallyAlert *) g_ptr_array_index (firing, 0))->fired_at, ==, T0 + 630);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(*) FROM alerts"), ==, 1);
  g_clear_object (&again);
  tally_store_close (store);
  write_config ("limits.json", "{}");
}

static void
test_rules_file (void)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  const TallyAlertRule *rule = NULL;

  write_config ("alerts.json",
                "{\"disable\": [\"latency-p95\"], \"rules\": ["
                "{\"id\": \"error-rate\", \"metric\": \"error_rate\", \"threshold\": 0.1, \"window\": \"15m\","
                " \"comparison\": \">\", \"severity\": \"critical\", \"min_requests\": 50,"
                " \"filters\": {\"model\": [\"gpt-4o\"]}},"
                "{\"id\": \"spikes\", \"kind\": \"anomaly\", \"baseline\": \"last_week\", \"metric\": \"cost\","
                " \"stat\": \"sum\", \"threshold\": 1}]}");
  rules = tally_alert_rules_load_default (&error);
  g_assert_no_error (error);
  /* 10 defaults, one off, one replaced, one added */
  g_assert_cmpuint (rules->len, ==, 10);
  for (guint i = 0; i < rules->len; i++)
    {
      const TallyAlertRule *r = g_ptr_array_index (rules, i);

      g_assert_cmpstr (r->id, !=, "latency-p95");
      if (g_str_equal (r->id, "error-rate"))
        rule = r;
    }
  g_assert_nonnull (rule);
  g_assert_cmpint (rule->window_s, ==, 900);
  g_assert_cmpfloat (rule->threshold, ==, 0.1);
  g_assert_cmpint (rule->severity, ==, TALLY_ALERT_CRITICAL);
  g_assert_cmpuint (rule->min_requests, ==, 50);
  g_assert_cmpuint (rule->query->filters->len, ==, 1);

  {
    static const struct { const char *json; const char *message; } bad[] = {
      { "{\"rules\": [{\"metric\": \"cost\", \"threshold\": 1}]}", "rules[0].id: is required" },
      { "{\"rules\": [{\"id\": \"a\", \"metric\": \"speed\", \"threshold\": 1}]}", "rules[0].metric" },
      { "{\"rules\": [{\"id\": \"a\", \"metric\": \"cost\"}]}", "rules[0].threshold: is required" },
      { "{\"rules\": [{\"id\": \"a\", \"metric\": \"cost\", \"threshold\": 1, \"severity\": \"dire\"}]}",
        "rules[0].severity" },
      { "{\"rules\": [{\"id\": \"a\", \"metric\": \"cost\", \"threshold\": 1, \"window\": \"5x\"}]}",
        "rules[0].window" },
      { "{\"rules\": [{\"id\": \"a\", \"metric\": \"latency\", \"stat\": \"rate\", \"threshold\": 1}]}",
        "has no stat rate" },
      { "{\"rules\": [{\"id\": \"a\", \"metric\": \"cost\", \"threshold\": 1, \"colour\": 1}]}",
        "rules[0].colour: unknown member" },
      { "{\"rules\": 3}", "rules: must be an array" },
      { "{\"rules\": [", "not valid JSON" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GPtrArray) none = NULL;

        g_clear_error (&error);
        write_config ("alerts.json", bad[i].json);
        none = tally_alert_rules_load_default (&error);
        g_assert_null (none);
        g_assert_nonnull (error);
        if (strstr (error->message, bad[i].message) == NULL || strstr (error->message, "alerts.json") == NULL)
          g_error ("%s: “%s” lacks “%s”", bad[i].json, error->message, bad[i].message);
      }
  }
  write_config ("alerts.json", "{}");
}

/* A store of format 1 (the same file without the alerts table and with
 * user_version 1) reads as it is and, opened for writing, is upgraded
 * with every event kept. */
static void
test_store_upgrade (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyAlertHistory) history = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  store = tally_store_open (path, &error);
  for (guint i = 0; i < 500; i++)
    g_ptr_array_add (events, make_event (T0 + i * 7, i % 10 ? 200 : 500, 100 + i));
  g_assert_true (tally_store_ingest (store, events, &error));
  tally_store_close (store);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE alerts; PRAGMA user_version = 1", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  /* read-only: the events are there, the history is empty */
  store = tally_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tally_store_count_events (store, &error), ==, 500);
  history = tally_alert_history_open (path, TRUE, &error);
  g_assert_no_error (error);
  alerts = tally_alert_history_list (history, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 0);
  g_clear_pointer (&history, tally_alert_history_close);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "PRAGMA user_version"), ==, 1);
  tally_store_close (store);
  g_clear_object (&store);

  /* for writing: upgraded, nothing lost */
  store = tally_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (tally_store_count_events (store, &error), ==, 500);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(*) FROM events WHERE latency_ms >= 100"), ==,
                   500);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(*) FROM alerts"), ==, 0);
  tally_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/alerts/threshold", test_threshold);
  g_test_add_func ("/alerts/noisy", test_noisy);
  g_test_add_func ("/alerts/error-keeps-state", test_error_keeps_state);
  g_test_add_func ("/alerts/zero-threshold", test_zero_threshold);
  g_test_add_func ("/alerts/min-requests", test_min_requests);
  g_test_add_func ("/alerts/trend", test_trend);
  g_test_add_func ("/alerts/anomaly-stddev", test_anomaly_stddev);
  g_test_add_func ("/alerts/anomaly-last-week", test_anomaly_last_week);
  g_test_add_func ("/alerts/defaults-and-restart", test_defaults_and_restart);
  g_test_add_func ("/alerts/rules-file", test_rules_file);
  g_test_add_func ("/alerts/store-upgrade", test_store_upgrade);

  return g_test_run ();
}
