"""The REST API (OpenAPI at /api/v1/docs), assembled from each app's router."""

from ninja import NinjaAPI

api = NinjaAPI(title="三项制度平台 API", version="1", urls_namespace="api")
