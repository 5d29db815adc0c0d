/* tally-demo-traffic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The demo's world: a small company's AI traffic, so that every chart of a
 * new user's first dashboard has something true to show. Five projects,
 * each with its own keys, users and services, call five providers at
 * their real list prices; requests are shaped per operation (chat,
 * embeddings, transcription, speech), latencies per model (fast minis,
 * slow reasoning models), and some fail the way these APIs fail. When
 * the requests happen is tally-demo.c's business. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-demo-private.h"

/* List prices in USD per million tokens (whisper-1: per minute of audio),
 * standard tier, no batch discount, prompts under 200k tokens, as the
 * providers' pricing pages showed them on 2025-07-01:
 * platform.openai.com/docs/pricing, anthropic.com/pricing (cached = cache
 * reads), ai.google.dev/gemini-api/docs/pricing, mistral.ai/pricing,
 * api-docs.deepseek.com/quick_start/pricing (cached = cache hits). */
static const TallyDemoPrice prices[] = {
  { "gpt-4o",                    "openai",      2.50,  1.25,  10.00, 0 },
  { "gpt-4o-mini",               "openai",      0.15,  0.075,  0.60, 0 },
  { "gpt-4.1",                   "openai",      2.00,  0.50,   8.00, 0 },
  { "gpt-4.1-mini",              "openai",      0.40,  0.10,   1.60, 0 },
  { "o3",                        "openai",      2.00,  0.50,   8.00, 0 },
  { "o4-mini",                   "openai",      1.10,  0.275,  4.40, 0 },
  { "text-embedding-3-small",    "openai",      0.02,  0,      0,    0 },
  /* audio tokens in, text out: about $0.006 a minute */
  { "gpt-4o-transcribe",         "openai",      6.00,  0,     10.00, 0 },
  /* text in, audio tokens out: about $0.015 a minute */
  { "gpt-4o-mini-tts",           "openai",      0.60,  0,     12.00, 0 },
  { "whisper-1",                 "openai",      0,     0,      0,    0.006 },
  { "claude-sonnet-4-20250514",  "anthropic",   3.00,  0.30,  15.00, 0 },
  { "claude-opus-4-20250514",    "anthropic",  15.00,  1.50,  75.00, 0 },
  { "claude-3-5-haiku-20241022", "anthropic",   0.80,  0.08,   4.00, 0 },
  { "gemini-2.5-pro",            "gcp.gemini",  1.25,  0.31,  10.00, 0 },
  { "gemini-2.5-flash",          "gcp.gemini",  0.30,  0.075,  2.50, 0 },
  { "mistral-large-latest",      "mistral_ai",  2.00,  0,      6.00, 0 },
  { "mistral-small-latest",      "mistral_ai",  0.10,  0,      0.30, 0 },
  { "deepseek-chat",             "deepseek",    0.27,  0.07,   1.10, 0 },
  { "deepseek-reasoner",         "deepseek",    0.55,  0.14,   2.19, 0 },
};

/* How fast a model answers: the median time to its first token, its
 * output speed, and for reasoning models the median of the hidden
 * reasoning tokens it bills as output and thinks through before the
 * first visible token. Medians of what public benchmarks show, rounded. */
typedef struct
{
  const char *model;
  double      ttft_ms;
  double      ttft_sigma;
  double      tokens_per_s;
  double      reasoning_tokens;
} Profile;

static const Profile profiles[] = {
  { "gpt-4o",                     450, 0.35,  85,    0 },
  { "gpt-4o-mini",                350, 0.35,  95,    0 },
  { "gpt-4.1",                    500, 0.35,  75,    0 },
  { "gpt-4.1-mini",               380, 0.35, 100,    0 },
  { "o3",                        1500, 0.40,  80, 1200 },
  { "o4-mini",                    900, 0.40, 130, 1000 },
  { "claude-sonnet-4-20250514",  1300, 0.40,  60,    0 },
  { "claude-opus-4-20250514",    2200, 0.45,  35,    0 },
  { "claude-3-5-haiku-20241022",  650, 0.35,  65,    0 },
  { "gemini-2.5-pro",            1500, 0.45, 140,  800 },
  { "gemini-2.5-flash",           500, 0.40, 220,  300 },
  { "mistral-large-latest",       450, 0.35,  45,    0 },
  { "mistral-small-latest",       250, 0.30, 120,    0 },
  { "deepseek-chat",             1800, 0.50,  25,    0 },
  { "deepseek-reasoner",         2000, 0.50,  35, 1500 },
  { "gpt-4o-mini-tts",            280, 0.30,   0,    0 },
};

typedef struct
{
  const char *name;
  double      weight;
} Choice;

typedef enum
{
  OPERATION_CHAT,
  OPERATION_EMBEDDINGS,
  OPERATION_TRANSCRIPTION,
  OPERATION_SPEECH,
} Operation;

static const char *operation_names[] = { "chat", "embeddings", "transcription", "speech" };

typedef struct
{
  const char      *project;
  const char      *service;
  Operation        operation;
  double           share;            /* of all requests */
  TallyDemoRhythm  rhythm;
  double           storm_weight;     /* how likely this one floods its limit */
  gboolean         streaming;
  gboolean         queued;           /* waits in the service's own queue */
  double           input_median, input_sigma;
  double           output_median, output_sigma;
  double           cache_probability;
  const Choice    *models;
  guint            n_models;
  const Choice    *users;
  guint            n_users;
  const Choice    *languages;
  guint            n_languages;
} Workload;

#define LIST(array) array, G_N_ELEMENTS (array)

static const Choice support_models[] = {
  { "gpt-4o-mini", 55 }, { "gpt-4o", 25 }, { "claude-3-5-haiku-20241022", 20 },
};
static const Choice code_models[] = {
  { "claude-sonnet-4-20250514", 45 }, { "gpt-4.1", 20 }, { "o4-mini", 13 },
  { "claude-opus-4-20250514", 8 }, { "gemini-2.5-pro", 8 }, { "o3", 6 },
};
static const Choice embedding_models[] = { { "text-embedding-3-small", 1 } };
static const Choice answer_models[] = { { "gemini-2.5-flash", 80 }, { "gemini-2.5-pro", 20 } };
static const Choice transcription_models[] = { { "gpt-4o-transcribe", 70 }, { "whisper-1", 30 } };
static const Choice voice_chat_models[] = { { "gpt-4o-mini", 60 }, { "mistral-small-latest", 40 } };
static const Choice speech_models[] = { { "gpt-4o-mini-tts", 1 } };
static const Choice pipeline_models[] = {
  { "deepseek-chat", 45 }, { "mistral-large-latest", 25 }, { "gpt-4.1-mini", 20 },
  { "deepseek-reasoner", 10 },
};

/* Customers of the support bot and of search are companies. */
static const Choice tenants[] = {
  { "acme-corp", 5 }, { "globex", 3 }, { "initech", 2 }, { "umbrella", 1.5 }, { "hooli", 1 },
  { "stark-industries", 0.8 }, { "wayne-enterprises", 0.6 },
};
static const Choice engineers[] = {
  { "alice", 3 }, { "bruno", 2.5 }, { "chen", 2 }, { "dana", 1.5 }, { "emeka", 1.5 },
  { "farah", 1 }, { "gustavo", 0.8 }, { "hana", 0.5 },
};
static const Choice indexers[] = { { "svc-indexer", 1 } };
static const Choice voice_customers[] = {
  { "clinica-madrid", 3 }, { "autohaus-berg", 2.5 }, { "bistro-lyon", 2 }, { "city-dental", 1.5 },
  { "hotel-aurora", 1 }, { "pizzeria-roma", 0.8 },
};
static const Choice pipeline_users[] = { { "svc-etl", 6 }, { "svc-backfill", 2 }, { "ana", 1 } };

static const Choice support_languages[] = {
  { "en", 55 }, { "es", 15 }, { "de", 12 }, { "fr", 10 }, { "pt", 8 },
};
static const Choice voice_languages[] = {
  { "en", 40 }, { "es", 20 }, { "de", 15 }, { "fr", 12 }, { "it", 8 }, { "ja", 5 },
};
static const Choice voices[] = {
  { "alloy", 30 }, { "nova", 22 }, { "shimmer", 15 }, { "coral", 13 }, { "verse", 10 },
  { "sage", 6 }, { "ash", 4 },
};

static const Workload workloads[] = {
  { "support-bot", "support-chat", OPERATION_CHAT, 0.30, TALLY_DEMO_RHYTHM_CONSUMER, 0,
    TRUE, FALSE, 1800, 0.55, 180, 0.7, 0.55,
    LIST (support_models), LIST (tenants), LIST (support_languages) },
  { "code-assistant", "ide-plugin", OPERATION_CHAT, 0.18, TALLY_DEMO_RHYTHM_OFFICE, 1,
    TRUE, FALSE, 9000, 0.8, 600, 0.8, 0.7,
    LIST (code_models), LIST (engineers), NULL, 0 },
  { "search", "search-indexer", OPERATION_EMBEDDINGS, 0.12, TALLY_DEMO_RHYTHM_BATCH, 1,
    FALSE, FALSE, 350, 0.6, 0, 0, 0,
    LIST (embedding_models), LIST (indexers), NULL, 0 },
  { "search", "search-api", OPERATION_CHAT, 0.10, TALLY_DEMO_RHYTHM_CONSUMER, 0,
    TRUE, FALSE, 3500, 0.45, 280, 0.6, 0.3,
    LIST (answer_models), LIST (tenants), NULL, 0 },
  /* A phone agent's turn passes three stages, each a service of its own:
   * speech to text, the language model, and text to speech. */
  { "voice-agent", "voice-stt", OPERATION_TRANSCRIPTION, 0.08, TALLY_DEMO_RHYTHM_CONSUMER, 0,
    FALSE, TRUE, 0, 0, 0, 0, 0,
    LIST (transcription_models), LIST (voice_customers), LIST (voice_languages) },
  { "voice-agent", "voice-llm", OPERATION_CHAT, 0.07, TALLY_DEMO_RHYTHM_CONSUMER, 0,
    TRUE, FALSE, 1400, 0.4, 55, 0.5, 0.6,
    LIST (voice_chat_models), LIST (voice_customers), LIST (voice_languages) },
  { "voice-agent", "voice-tts", OPERATION_SPEECH, 0.07, TALLY_DEMO_RHYTHM_CONSUMER, 0,
    TRUE, TRUE, 38, 0.6, 0, 0, 0,
    LIST (speech_models), LIST (voice_customers), LIST (voice_languages) },
  { "data-pipeline", "etl-worker", OPERATION_CHAT, 0.08, TALLY_DEMO_RHYTHM_BATCH, 3,
    FALSE, FALSE, 2500, 0.7, 350, 0.8, 0.4,
    LIST (pipeline_models), LIST (pipeline_users), NULL, 0 },
};

/* Keys as the store shows them: masked, the last four characters kept. */
typedef struct
{
  const char *project;
  const char *provider;
  const char *key;
  const char *env;
  double      weight;
} ApiKey;

static const ApiKey keys[] = {
  { "support-bot",    "openai",     "sk-proj-…a1b2", "prod",    94 },
  { "support-bot",    "openai",     "sk-proj-…7f3e", "staging",  6 },
  { "support-bot",    "anthropic",  "sk-ant-…k9Zq",  "prod",     1 },
  { "code-assistant", "openai",     "sk-proj-…c0d3", "prod",     1 },
  { "code-assistant", "anthropic",  "sk-ant-…m4Xt",  "prod",     1 },
  { "code-assistant", "gcp.gemini", "AIza…Qp8s",     "prod",     1 },
  { "search",         "openai",     "sk-proj-…e5f6", "prod",     1 },
  { "search",         "gcp.gemini", "AIza…Xc3d",     "prod",    90 },
  { "search",         "gcp.gemini", "AIza…uT2w",     "staging", 10 },
  { "voice-agent",    "openai",     "sk-proj-…9b8a", "prod",     1 },
  { "voice-agent",    "mistral_ai", "…Qm7p",         "prod",     1 },
  { "data-pipeline",  "deepseek",   "sk-…d4e5",      "prod",     1 },
  { "data-pipeline",  "mistral_ai", "…Hn2k",         "prod",     1 },
  { "data-pipeline",  "openai",     "sk-proj-…4c2d", "prod",     1 },
};

typedef enum
{
  FAILURE_BAD_REQUEST,
  FAILURE_RATE_LIMIT,
  FAILURE_OVERLOADED,
  FAILURE_SERVER,
  FAILURE_TIMEOUT,
} Failure;

/* What each provider calls its errors. */
typedef struct
{
  const char *provider;
  const char *bad_request;
  const char *rate_limit;
  int         overloaded_status;
  const char *overloaded;
  const char *server;
} ProviderErrors;

static const ProviderErrors provider_errors[] = {
  { "openai", "invalid_request_error", "rate_limit_exceeded",
    503, "service_unavailable", "server_error" },
  { "anthropic", "invalid_request_error", "rate_limit_error",
    529, "overloaded_error", "api_error" },
  { "gcp.gemini", "INVALID_ARGUMENT", "RESOURCE_EXHAUSTED",
    503, "UNAVAILABLE", "INTERNAL" },
  { "mistral_ai", "invalid_request_error", "rate_limit_exceeded",
    503, "service_unavailable", "internal_server_error" },
  { "deepseek", "invalid_request_error", "rate_limit_reached",
    503, "server_overloaded", "server_error" },
};

/* Failures on an ordinary day, per request. */
#define P_BAD_REQUEST 0.004
#define P_OVERLOADED  0.0012
#define P_SERVER      0.0008
#define P_TIMEOUT     0.0005
#define P_LIMIT_BASE  0.001
#define P_LIMIT_PEAK  0.015
#define CLIENT_TIMEOUT_MS 60000.0

const TallyDemoPrice *
tally_demo_get_prices (guint *n_prices)
{
  if (n_prices != NULL)
    *n_prices = G_N_ELEMENTS (prices);

  return prices;
}

const TallyDemoPrice *
tally_demo_find_price (const char *model)
{
  for (guint i = 0; model != NULL && i < G_N_ELEMENTS (prices); i++)
    {
      if (g_str_equal (prices[i].model, model))
        return &prices[i];
    }

  return NULL;
}

/**
 * tally_demo_price_cost:
 * @input_tokens: all input tokens, cached ones included; -1 when unknown
 * @cached_tokens: the part of the input read from a cache; -1 when unknown
 * @audio_ms: audio billed by the minute; NAN when none
 *
 * What the request costs at @price, in USD: uncached input, cached input
 * and output at their own prices, plus audio minutes.
 */
double
tally_demo_price_cost (const TallyDemoPrice *price,
                       gint64                input_tokens,
                       gint64                cached_tokens,
                       gint64                output_tokens,
                       double                audio_ms)
{
  gint64 cached = MAX (cached_tokens, 0);
  double cost = 0;

  g_return_val_if_fail (price != NULL, NAN);

  if (input_tokens >= 0)
    cost += (input_tokens - cached) * price->input;
  cost += cached * (price->cached > 0 ? price->cached : price->input);
  if (output_tokens >= 0)
    cost += output_tokens * price->output;
  cost /= 1e6;
  if (price->per_minute > 0 && audio_ms > 0)
    cost += audio_ms / 60000.0 * price->per_minute;

  return cost;
}

guint
tally_demo_get_n_workloads (void)
{
  return G_N_ELEMENTS (workloads);
}

double
tally_demo_workload_get_share (guint workload)
{
  return workloads[workload].share;
}

TallyDemoRhythm
tally_demo_workload_get_rhythm (guint workload)
{
  return workloads[workload].rhythm;
}

double
tally_demo_workload_get_storm_weight (guint workload)
{
  return workloads[workload].storm_weight;
}

const char *
tally_demo_workload_get_project (guint workload)
{
  return workloads[workload].project;
}

/* A log-normal draw with the given median; sigma is the spread of its log. */
double
tally_demo_log_normal (GRand  *rand,
                       double  median,
                       double  sigma)
{
  double u1 = g_rand_double (rand);
  double u2 = g_rand_double (rand);
  double z = sqrt (-2.0 * log (MAX (u1, 1e-300))) * cos (2 * G_PI * u2);

  return median * exp (sigma * z);
}

static const char *
pick (GRand        *rand,
      const Choice *choices,
      guint         n)
{
  double total = 0, x;

  for (guint i = 0; i < n; i++)
    total += choices[i].weight;
  x = g_rand_double (rand) * total;
  for (guint i = 0; i + 1 < n; i++)
    {
      if (x < choices[i].weight)
        return choices[i].name;
      x -= choices[i].weight;
    }

  return choices[n - 1].name;
}

static const ApiKey *
pick_key (GRand      *rand,
          const char *project,
          const char *provider)
{
  const ApiKey *found[4];
  double total = 0, x;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keys) && n < G_N_ELEMENTS (found); i++)
    {
      if (g_str_equal (keys[i].project, project) && g_str_equal (keys[i].provider, provider))
        {
          found[n++] = &keys[i];
          total += keys[i].weight;
        }
    }
  g_assert (n > 0);

  x = g_rand_double (rand) * total;
  for (guint i = 0; i + 1 < n; i++)
    {
      if (x < found[i]->weight)
        return found[i];
      x -= found[i]->weight;
    }
  return found[n - 1];
}

static const Profile *
find_profile (const char *model)
{
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      if (g_str_equal (profiles[i].model, model))
        return &profiles[i];
    }

  return NULL;
}

static const ProviderErrors *
find_errors (const char *provider)
{
  for (guint i = 0; i < G_N_ELEMENTS (provider_errors); i++)
    {
      if (g_str_equal (provider_errors[i].provider, provider))
        return &provider_errors[i];
    }

  return &provider_errors[0];
}

static gint64
clamp_tokens (double value,
              double min,
              double max)
{
  return (gint64) round (CLAMP (value, min, max));
}

/* Providers cache prompt prefixes in blocks of 128 tokens past the first
 * 1024; a hit covers most of a long, repeated prompt. */
static gint64
cached_tokens (GRand                *rand,
               const TallyDemoPrice *price,
               gint64                input,
               double                probability)
{
  if (price->cached <= 0 || input < 1024 || g_rand_double (rand) >= probability)
    return -1;

  return (gint64) floor (input * g_rand_double_range (rand, 0.5, 0.95) / 128) * 128;
}

/* A queue before the service's workers: nearly empty when quiet, long
 * near the daily peak. */
static double
queue_time (GRand  *rand,
            double  load)
{
  double mean = 6 + 140 * pow (CLAMP (load, 0, 2), 4);

  return -mean * log (1 - g_rand_double (rand));
}

static void
fill_chat (TallyEvent           *event,
           const Workload       *w,
           const TallyDemoPrice *price,
           GRand                *rand)
{
  const Profile *p = find_profile (price->model);
  double visible, ttft, speed;

  g_assert (p != NULL);

  event->input_tokens = clamp_tokens (tally_demo_log_normal (rand, w->input_median, w->input_sigma),
                                      8, 190000);
  visible = round (tally_demo_log_normal (rand, w->output_median, w->output_sigma));
  visible = CLAMP (visible, 1, 16000);
  event->output_tokens = (gint64) visible;
  if (p->reasoning_tokens > 0)
    event->output_tokens += clamp_tokens (tally_demo_log_normal (rand, p->reasoning_tokens, 0.7),
                                          16, 100000);
  event->cached_tokens = cached_tokens (rand, price, event->input_tokens, w->cache_probability);

  /* Prefill grows with the prompt; reasoning happens before the first
   * visible token. */
  speed = p->tokens_per_s * tally_demo_log_normal (rand, 1, 0.15);
  ttft = tally_demo_log_normal (rand, p->ttft_ms, p->ttft_sigma) + event->input_tokens / 200.0 +
         (event->output_tokens - visible) / speed * 1000;
  event->latency_ms = ttft + visible / speed * 1000 + 30;
  if (w->streaming)
    event->ttft_ms = ttft;
}

static void
fill_embeddings (TallyEvent *event,
                 GRand      *rand)
{
  event->input_tokens = clamp_tokens (tally_demo_log_normal (rand, 350, 0.6), 3, 8191);
  event->latency_ms = tally_demo_log_normal (rand, 60 + event->input_tokens / 30.0, 0.35);
}

/* Audio tokens come at about 1000 a minute in, text at about 3 a second out. */
static void
fill_transcription (TallyEvent           *event,
                    const TallyDemoPrice *price,
                    GRand                *rand)
{
  double audio_s;

  event->audio_ms = CLAMP (tally_demo_log_normal (rand, 4500, 0.6), 400, 120000);
  audio_s = event->audio_ms / 1000;
  if (price->per_minute <= 0)
    {
      event->input_tokens = clamp_tokens (audio_s * 1000 / 60, 1, 1e9);
      event->output_tokens = clamp_tokens (audio_s * 3.1 * tally_demo_log_normal (rand, 1, 0.2),
                                           1, 1e9);
    }
  event->latency_ms = 180 + event->audio_ms * (price->per_minute > 0 ? 0.16 : 0.09) *
                            tally_demo_log_normal (rand, 1, 0.3);
}

/* Text in; speech out at about 1250 audio tokens a minute, generated
 * several times faster than real time and streamed. */
static void
fill_speech (TallyEvent           *event,
             const TallyDemoPrice *price,
             GRand                *rand)
{
  const Profile *p = find_profile (price->model);

  g_assert (p != NULL);
  event->input_tokens = clamp_tokens (tally_demo_log_normal (rand, 38, 0.6), 2, 1500);
  event->audio_ms = event->input_tokens * 300 * tally_demo_log_normal (rand, 1, 0.12);
  event->output_tokens = clamp_tokens (event->audio_ms / 1000 * 1250 / 60, 1, 1e9);
  event->ttft_ms = tally_demo_log_normal (rand, p->ttft_ms, p->ttft_sigma);
  event->latency_ms = event->ttft_ms +
                      event->audio_ms * 0.1 * tally_demo_log_normal (rand, 1, 0.25);
}

static void
set_failure (TallyEvent *event,
             Failure     failure,
             GRand      *rand)
{
  const ProviderErrors *e = find_errors (event->dims[TALLY_DIMENSION_PROVIDER]);

  switch (failure)
    {
    case FAILURE_BAD_REQUEST:
      event->status = 400;
      event->dims[TALLY_DIMENSION_ERROR] = g_strdup (e->bad_request);
      event->latency_ms = tally_demo_log_normal (rand, 150, 0.5);
      break;
    case FAILURE_RATE_LIMIT:
      event->status = 429;
      event->dims[TALLY_DIMENSION_ERROR] = g_strdup (e->rate_limit);
      event->latency_ms = tally_demo_log_normal (rand, 90, 0.5);
      break;
    case FAILURE_OVERLOADED:
      event->status = e->overloaded_status;
      event->dims[TALLY_DIMENSION_ERROR] = g_strdup (e->overloaded);
      event->latency_ms = tally_demo_log_normal (rand, 600, 0.8);
      break;
    case FAILURE_SERVER:
      event->status = 500;
      event->dims[TALLY_DIMENSION_ERROR] = g_strdup (e->server);
      event->latency_ms = MIN (tally_demo_log_normal (rand, 1500, 0.8), CLIENT_TIMEOUT_MS);
      break;
    case FAILURE_TIMEOUT:
    default:
      event->status = 0;
      event->dims[TALLY_DIMENSION_ERROR] = g_strdup ("timeout");
      event->latency_ms = CLIENT_TIMEOUT_MS + g_rand_double_range (rand, 0, 250);
      break;
    }
  /* Failed requests are not billed. */
  event->cost = 0;
}

/* Whether this request fails, and how: outages first, then a flood over
 * the rate limit, then the background of ordinary errors. */
static gboolean
choose_failure (GRand                     *rand,
                const char                *provider,
                const TallyDemoConditions *c,
                Failure                   *failure)
{
  double u = g_rand_double (rand);

  if (c->outage_provider != NULL && g_str_equal (c->outage_provider, provider) &&
      u < c->outage_failure)
    {
      double kind = g_rand_double (rand);

      *failure = kind < 0.5 ? FAILURE_OVERLOADED : kind < 0.8 ? FAILURE_SERVER : FAILURE_TIMEOUT;
      return TRUE;
    }
  u = g_rand_double (rand);
  if (u < c->limited)
    return *failure = FAILURE_RATE_LIMIT, TRUE;

  u = g_rand_double (rand);
  if ((u -= P_BAD_REQUEST) < 0)
    return *failure = FAILURE_BAD_REQUEST, TRUE;
  if ((u -= P_OVERLOADED) < 0)
    return *failure = FAILURE_OVERLOADED, TRUE;
  if ((u -= P_SERVER) < 0)
    return *failure = FAILURE_SERVER, TRUE;
  if ((u -= P_TIMEOUT) < 0)
    return *failure = FAILURE_TIMEOUT, TRUE;
  if ((u -= P_LIMIT_BASE + P_LIMIT_PEAK * pow (CLAMP (c->load, 0, 2), 3)) < 0)
    return *failure = FAILURE_RATE_LIMIT, TRUE;

  return FALSE;
}

static char *
random_hex (GRand *rand,
            guint  n_words)
{
  GString *hex = g_string_sized_new (n_words * 8);

  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (hex, "%08x", g_rand_int (rand));

  return g_string_free (hex, FALSE);
}

/* Request ids as each provider writes them. */
static char *
request_id (GRand      *rand,
            const char *provider)
{
  static const char base62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  g_autofree char *hex = random_hex (rand, 4);
  char tail[23];

  if (g_str_equal (provider, "openai"))
    return g_strconcat ("req_", hex, NULL);
  if (g_str_equal (provider, "deepseek"))
    return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s",
                            hex, hex + 8, hex + 12, hex + 16, hex + 20);
  if (!g_str_equal (provider, "anthropic"))
    return g_steal_pointer (&hex);

  for (guint i = 0; i < 22; i++)
    tail[i] = base62[g_rand_int_range (rand, 0, 62)];
  tail[22] = '\0';
  return g_strconcat ("req_01", tail, NULL);
}

static void
set_identity (TallyEvent     *event,
              const Workload *w,
              const char     *model,
              const char     *provider,
              GRand          *rand)
{
  const ApiKey *key = pick_key (rand, w->project, provider);

  event->dims[TALLY_DIMENSION_MODEL] = g_strdup (model);
  event->dims[TALLY_DIMENSION_PROVIDER] = g_strdup (provider);
  event->dims[TALLY_DIMENSION_PROJECT] = g_strdup (w->project);
  event->dims[TALLY_DIMENSION_API_KEY] = g_strdup (key->key);
  event->dims[TALLY_DIMENSION_USER] = g_strdup (pick (rand, w->users, w->n_users));
  event->dims[TALLY_DIMENSION_SERVICE] = g_strdup (w->service);
  event->dims[TALLY_DIMENSION_OPERATION] = g_strdup (operation_names[w->operation]);
  if (w->languages != NULL)
    event->dims[TALLY_DIMENSION_LANGUAGE] = g_strdup (pick (rand, w->languages, w->n_languages));

  tally_event_set_label (event, "env", key->env, NULL);
  if (w->operation == OPERATION_SPEECH)
    tally_event_set_label (event, "voice", pick (rand, voices, G_N_ELEMENTS (voices)), NULL);

  event->trace_id = random_hex (rand, 4);
  event->request_id = request_id (rand, provider);
}

static void
fill_success (TallyEvent           *event,
              const Workload       *w,
              const TallyDemoPrice *price,
              GRand                *rand)
{
  event->status = 200;
  switch (w->operation)
    {
    case OPERATION_CHAT:
      fill_chat (event, w, price, rand);
      break;
    case OPERATION_EMBEDDINGS:
      fill_embeddings (event, rand);
      break;
    case OPERATION_TRANSCRIPTION:
      fill_transcription (event, price, rand);
      break;
    case OPERATION_SPEECH:
    default:
      fill_speech (event, price, rand);
      break;
    }
  event->cost = tally_demo_price_cost (price, event->input_tokens, event->cached_tokens,
                                       event->output_tokens, event->audio_ms);
}

/**
 * tally_demo_make_event:
 *
 * One request of @workload at @time_ms under @conditions, drawn from
 * @rand: the same draws give the same event.
 */
TallyEvent *
tally_demo_make_event (guint                      workload,
                       GRand                     *rand,
                       gint64                     time_ms,
                       const TallyDemoConditions *conditions)
{
  const Workload *w = &workloads[workload];
  const char *model = pick (rand, w->models, w->n_models);
  const TallyDemoPrice *price = tally_demo_find_price (model);
  TallyEvent *event = tally_event_new ();
  Failure failure;

  g_assert (price != NULL);

  event->time_ms = time_ms;
  set_identity (event, w, model, price->provider, rand);

  if (choose_failure (rand, price->provider, conditions, &failure))
    set_failure (event, failure, rand);
  else
    fill_success (event, w, price, rand);

  if (w->queued)
    {
      event->queue_ms = queue_time (rand, conditions->load);
      event->latency_ms += event->queue_ms;
    }

  return event;
}
