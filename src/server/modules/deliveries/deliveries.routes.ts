import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { idParam, problemResponses } from '@shared/api/common';
import {
  cancelDeliveryInput,
  carrierInput,
  carrierPatch,
  carrierSchema,
  checkDateInput,
  checkDateResultSchema,
  deliveryInput,
  deliveryListQuery,
  deliveryPatch,
  deliverySchema,
  notifyInput,
  otifQuery,
  otifSchema,
  pickInput,
  planningLineSchema,
  planningQuery,
  podInput,
  returnInput,
  returnSchema,
  shipInput,
} from '@shared/api/deliveries';
import type { DeliveryService } from './deliveries.service';
import type { DeliveryDocumentKind } from './deliveries.documents';

const errors = problemResponses;
const langQuery = z.object({ lang: z.enum(['fr', 'en']).optional() });

export const deliveryRoutes =
  (svc: DeliveryService): FastifyPluginAsyncZod =>
  async (app) => {
    // ── carriers ──
    app.get(
      '/carriers',
      {
        config: { permission: 'deliveries:read' },
        schema: {
          tags: ['deliveries'],
          summary: 'Carriers',
          response: { 200: z.object({ data: z.array(carrierSchema) }), ...errors },
        },
      },
      async (req) => svc.carriers.list(ctxOf(req)),
    );
    app.post(
      '/carriers',
      {
        config: { permission: 'deliveries:write' },
        schema: {
          tags: ['deliveries'],
          summary:
            'Add a carrier: services, cut-off, working days, transit times per zone, tracking link (accepts Idempotency-Key)',
          body: carrierInput,
          response: { 201: carrierSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.carriers.create(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/carriers/:id',
      {
        config: { permission: 'deliveries:read' },
        schema: { tags: ['deliveries'], params: idParam, response: { 200: carrierSchema, ...errors } },
      },
      async (req) => svc.carriers.get(ctxOf(req), req.params.id),
    );
    app.patch(
      '/carriers/:id',
      {
        config: { permission: 'deliveries:write' },
        schema: {
          tags: ['deliveries'],
          params: idParam,
          body: carrierPatch,
          response: { 200: carrierSchema, ...errors },
        },
      },
      async (req) => svc.carriers.update(ctxOf(req), req.params.id, req.body),
    );

    // ── planning ──
    app.get(
      '/delivery-planning',
      {
        config: { permission: 'deliveries:read' },
        schema: {
          tags: ['deliveries'],
          summary:
            'Confirmed order lines left to plan (late and at-risk flagged) and the deliveries planned or picked, by ship date',
          querystring: planningQuery,
          response: {
            200: z.object({ lines: z.array(planningLineSchema), deliveries: z.array(deliverySchema) }),
            ...errors,
          },
        },
      },
      async (req) => svc.planning(ctxOf(req), req.query),
    );
    app.post(
      '/deliveries/check-date',
      {
        config: { permission: 'deliveries:read' },
        schema: {
          tags: ['deliveries'],
          summary:
            'Would this delivery date be accepted? The customer’s delivery rules, the carrier’s calendar and cut-off, our calendar; the next valid date',
          body: checkDateInput,
          response: { 200: checkDateResultSchema, ...errors },
        },
      },
      async (req) => svc.checkDate(ctxOf(req), req.body),
    );

    // ── deliveries ──
    app.post(
      '/deliveries',
      {
        config: { permission: 'deliveries:write' },
        schema: {
          tags: ['deliveries'],
          summary:
            'Plan a delivery from one or several orders of one customer and ship-to (omitted lines: every open line for what is available). A date breaking a blocking rule is 422 `delivery_date_not_allowed` with the next valid date (accepts Idempotency-Key)',
          body: deliveryInput,
          response: { 201: deliverySchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.create(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/deliveries',
      {
        config: { permission: 'deliveries:read' },
        schema: {
          tags: ['deliveries'],
          summary:
            'Deliveries, newest first; filters status (comma-separated), customer, order, carrier, planned date range',
          querystring: deliveryListQuery,
          response: { 200: z.object({ data: z.array(deliverySchema), nextCursor: z.string().nullable() }), ...errors },
        },
      },
      async (req) => svc.list(ctxOf(req), req.query),
    );
    app.get(
      '/deliveries/otif',
      {
        config: { permission: 'deliveries:read' },
        schema: {
          tags: ['deliveries'],
          summary: 'OTIF (on time in full) per order line against the promised date, in total and per customer',
          querystring: otifQuery,
          response: { 200: otifSchema, ...errors },
        },
      },
      async (req) => svc.otif(ctxOf(req), req.query),
    );
    app.get(
      '/deliveries/:id',
      {
        config: { permission: 'deliveries:read' },
        schema: { tags: ['deliveries'], params: idParam, response: { 200: deliverySchema, ...errors } },
      },
      async (req) => svc.get(ctxOf(req), req.params.id),
    );
    app.patch(
      '/deliveries/:id',
      {
        config: { permission: 'deliveries:write' },
        schema: {
          tags: ['deliveries'],
          summary: 'Change a planned delivery: date (checked again), carrier, tracking, quantities (0 removes a line)',
          params: idParam,
          body: deliveryPatch,
          response: { 200: deliverySchema, ...errors },
        },
      },
      async (req) => svc.update(ctxOf(req), req.params.id, req.body),
    );
    app.post(
      '/deliveries/:id/pick',
      {
        config: { permission: 'deliveries:write' },
        schema: {
          tags: ['deliveries'],
          summary:
            'Confirm the picked quantities (a shortfall needs a reason: backorder or cancelled on the order) and the parcels; each parcel gets its SSCC',
          params: idParam,
          body: pickInput,
          response: { 200: deliverySchema, ...errors },
        },
      },
      async (req) => svc.pick(ctxOf(req), req.params.id, req.body),
    );
    app.post(
      '/deliveries/:id/ship',
      {
        config: { permission: 'deliveries:write' },
        schema: {
          tags: ['deliveries'],
          summary:
            'Goods issue: stock leaves, the order lines’ delivered quantities and the order status move, in one transaction; the shipping notice is e-mailed',
          params: idParam,
          body: shipInput,
          response: { 200: deliverySchema, ...errors },
        },
      },
      async (req) => svc.ship(ctxOf(req), req.params.id, req.body ?? { notify: true }),
    );
    app.post(
      '/deliveries/:id/proof-of-delivery',
      {
        config: { permission: 'deliveries:write' },
        schema: {
          tags: ['deliveries'],
          summary:
            'Record the proof of delivery: date, signatory, carrier reservations per line (a follow-up task with the legal protest deadline)',
          params: idParam,
          body: podInput,
          response: { 200: deliverySchema, ...errors },
        },
      },
      async (req) => svc.proofOfDelivery(ctxOf(req), req.params.id, req.body),
    );
    app.post(
      '/deliveries/:id/cancel',
      {
        config: { permission: 'deliveries:write' },
        schema: {
          tags: ['deliveries'],
          summary: 'Cancel a delivery not shipped yet (its lines go back to planning)',
          params: idParam,
          body: cancelDeliveryInput,
          response: { 200: deliverySchema, ...errors },
        },
      },
      async (req) => svc.cancel(ctxOf(req), req.params.id, req.body.reason),
    );
    app.post(
      '/deliveries/:id/notify',
      {
        config: { permission: 'deliveries:write' },
        schema: {
          tags: ['deliveries'],
          summary: 'Send the shipping notice again (delivery note attached, tracking link)',
          params: idParam,
          body: notifyInput,
          response: { 200: deliverySchema, ...errors },
        },
      },
      async (req) => svc.notify(ctxOf(req), req.params.id, req.body?.to),
    );
    app.post(
      '/deliveries/:id/returns',
      {
        config: { permission: 'deliveries:write' },
        schema: {
          tags: ['deliveries'],
          summary:
            'Record goods coming back against delivery lines: reason, condition, restock or scrap (accepts Idempotency-Key)',
          params: idParam,
          body: returnInput,
          response: { 201: returnSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.createReturn(ctxOf(req), req.params.id, req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/returns',
      {
        config: { permission: 'deliveries:read' },
        schema: {
          tags: ['deliveries'],
          summary: 'Customer returns, newest first',
          querystring: z.object({ deliveryId: z.string().uuid().optional(), customerId: z.string().uuid().optional() }),
          response: { 200: z.object({ data: z.array(returnSchema) }), ...errors },
        },
      },
      async (req) => svc.returns(ctxOf(req), req.query),
    );
    app.get(
      '/returns/:id',
      {
        config: { permission: 'deliveries:read' },
        schema: { tags: ['deliveries'], params: idParam, response: { 200: returnSchema, ...errors } },
      },
      async (req) => svc.getReturn(ctxOf(req), req.params.id),
    );

    // ── documents ──
    const documents: [string, DeliveryDocumentKind, string][] = [
      ['/deliveries/:id/pdf', 'delivery-note', 'The delivery note (bon de livraison), in the customer’s language'],
      ['/deliveries/:id/picking-list.pdf', 'picking-list', 'The picking list for the warehouse, by location'],
      ['/deliveries/:id/labels.pdf', 'labels', 'One GS1-128 SSCC label per parcel (QR code when the customer asks)'],
      ['/deliveries/:id/proforma.pdf', 'proforma', 'Pro forma invoice for customs (not an invoice)'],
    ];
    for (const [path, kind, summary] of documents)
      app.get(
        path,
        {
          config: { permission: 'deliveries:read' },
          schema: { tags: ['deliveries'], summary, params: idParam, querystring: langQuery },
        },
        async (req, reply) => {
          const { filename, pdf } = await svc.document(ctxOf(req), req.params.id, kind, req.query.lang);
          return reply
            .header('content-type', 'application/pdf')
            .header('content-disposition', `inline; filename="${filename}"`)
            .send(pdf);
        },
      );
  };
