from sklearn.linear_model import Ridge


class LogRidge(Ridge):
    pass
